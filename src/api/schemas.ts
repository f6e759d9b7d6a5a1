/**
 * The Infisical API contract, one zod schema per shape. The client validates responses with
 * these and the dev server validates requests (and shapes responses) with the same ones, so the
 * two cannot drift apart. Request schemas reproduce the real server's (trims, trailing-slash
 * removal, enum, required keys) so the dev server's 422 issue arrays match the real ones.
 *
 * One file per area of the API (service tokens and errors here; auth-schemas.ts,
 * project-schemas.ts, identity-schemas.ts): zod builds a schema when its module loads (a few
 * microseconds per part), so a command builds only the schemas of the routes it calls.
 */
import { z } from "zod";

const isoDate = z.string().datetime({ offset: true });

/** The server's removeTrailingSlash: "/" stays, otherwise exactly one trailing "/" goes. */
export function removeTrailingSlash(path: string): string {
  if (path === "/") return path;
  return path.endsWith("/") ? path.slice(0, -1) : path;
}

export const permissionSchema = z.enum(["read", "write"]);

/** Where a service token may act: an environment slug and a secret path (a glob allowed). */
export const scopeSchema = z.object({ secretPath: z.string(), environment: z.string() });
export type Scope = z.infer<typeof scopeSchema>;

/** A scope as the server reads it from a create request: trimmed, one trailing slash removed. */
const scopeRequestSchema = z.object({
  environment: scopeSchema.shape.environment.trim(),
  secretPath: scopeSchema.shape.secretPath.trim().transform(removeTrailingSlash),
});

/** POST /api/v2/service-token (unknown keys such as randomBytes are stripped, as the server does). */
export const createServiceTokenRequestSchema = z.object({
  name: z.string().trim(),
  workspaceId: z.string().trim(),
  scopes: z.array(scopeRequestSchema).min(1),
  encryptedKey: z.string().trim(),
  iv: z.string().trim(),
  tag: z.string().trim(),
  expiresIn: z.number().nullable(),
  permissions: permissionSchema.array(),
});
/** What the CLI sends: the server's input plus the random hex that becomes the 4th token segment. */
export type CreateServiceTokenRequest = z.input<typeof createServiceTokenRequestSchema> & {
  randomBytes: string;
};

/** The sanitized row: no secretHash, encryptedKey, iv or tag. */
export const serviceTokenDataSchema = z.object({
  id: z.string(),
  name: z.string(),
  scopes: z.array(scopeSchema),
  permissions: z.array(z.string()),
  lastUsed: isoDate.nullable().optional(),
  expiresAt: isoDate.nullable().optional(),
  createdAt: isoDate,
  updatedAt: isoDate,
  createdBy: z.string(),
  projectId: z.string(),
  expiryNotificationSent: z.boolean().nullable().optional(),
});
export type ServiceTokenData = z.infer<typeof serviceTokenDataSchema>;

export const createServiceTokenResponseSchema = z.object({
  serviceToken: z.string().regex(/^st\.[^.]+\.[^.]+$/, "expected st.<id>.<secret>"),
  serviceTokenData: serviceTokenDataSchema,
});
export type CreateServiceTokenResponse = z.infer<typeof createServiceTokenResponseSchema>;

/** Every error the server's error handler produces; route-not-found has no reqId. */
export const apiErrorBodySchema = z
  .object({
    reqId: z.string().optional(),
    statusCode: z.number(),
    message: z.unknown(),
    error: z.string().optional(),
    details: z.unknown().optional(),
  })
  .passthrough();
export type ApiErrorBody = z.infer<typeof apiErrorBodySchema>;

/* ----- listing, deleting and describing service tokens ----- */

/** GET /api/v1/projects/:projectId/service-token-data (and the legacy /workspace/ form) */
export const listServiceTokensResponseSchema = z.object({
  serviceTokenData: z.array(serviceTokenDataSchema),
});

/** DELETE /api/v2/service-token/:id */
export const deleteServiceTokenResponseSchema = z.object({
  serviceTokenData: serviceTokenDataSchema,
});

/**
 * GET /api/v2/service-token, authenticated with the token itself. The server also returns the
 * secret hash and key fields; this schema leaves them out, so they are dropped on arrival.
 */
export const serviceTokenDetailsSchema = serviceTokenDataSchema.extend({
  user: z
    .object({
      id: z.string(),
      email: z.string().nullable().optional(),
      firstName: z.string().nullable().optional(),
      lastName: z.string().nullable().optional(),
    })
    .optional(),
});
export type ServiceTokenDetails = z.infer<typeof serviceTokenDetailsSchema>;
