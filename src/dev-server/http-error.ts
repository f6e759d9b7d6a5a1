import { randomBytes } from "node:crypto";

const ALPHANUMERIC = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";

/** `req-` + 14 alphanumerics, like the real server's request ids. */
export function newRequestId(): string {
  const bytes = randomBytes(14);
  return `req-${Array.from(bytes, (b) => ALPHANUMERIC[b % ALPHANUMERIC.length]).join("")}`;
}

/** An error answer; `error` is the real server's error name for that failure. */
export class HttpError extends Error {
  constructor(
    readonly status: number,
    message: unknown,
    readonly errorName: string,
    readonly details?: unknown,
  ) {
    super(typeof message === "string" ? message : "validation failed");
    this.serverMessage = message;
  }

  readonly serverMessage: unknown;

  body(reqId: string): Record<string, unknown> {
    return {
      reqId,
      statusCode: this.status,
      message: this.serverMessage,
      ...(this.details === undefined ? {} : { details: this.details }),
      error: this.errorName,
    };
  }
}

export const notFound = (message: string) => new HttpError(404, message, "NotFound");
export const unauthorized = (message: string, name = "UnauthorizedError") =>
  new HttpError(401, message, name);
export const forbidden = (name: string, message = "You are not allowed to access this resource") =>
  new HttpError(403, message, name);
export const somethingWentWrong = () =>
  new HttpError(500, "Something went wrong", "InternalServerError");

/** A folder (or the root of an environment) that does not exist, in the real server's words. */
export const folderNotFound = (path: string, environment: string) =>
  new HttpError(
    404,
    `Folder with path '${path}' in environment '${environment}' was not found. Please ensure the environment slug and secret path is correct.`,
    "SecretPathNotFound",
  );
