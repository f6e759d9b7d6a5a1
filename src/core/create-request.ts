import { UsageError } from "../errors.js";
import { parseAccessLevels, type AccessLevel } from "./access-level.js";
import { resolveExpiry } from "./expiry.js";
import { parseScopes, type Scope } from "./scope.js";

export interface CreateInput {
  name: string;
  scopes: Scope[];
  permissions: AccessLevel[];
  /** Seconds; 0 means the token never expires. */
  expiresIn: number;
}

export interface CreateFlagValues {
  scope?: readonly string[] | undefined;
  accessLevel?: readonly string[] | undefined;
  name: string;
  expirySeconds?: string | undefined;
  expiresIn?: string | undefined;
}

/** Every flag checked before anything touches the disk or the network. */
export function parseCreateInput(flags: CreateFlagValues): CreateInput {
  const scopes = parseScopes(flags.scope ?? []);
  const permissions = parseAccessLevels(flags.accessLevel ?? []);
  const expiresIn = resolveExpiry(flags);
  const name = flags.name.trim();
  if (name === "")
    throw new UsageError("--name is blank", {
      hint: 'give the token a name, e.g. --name "backend CI"',
    });
  return { name, scopes, permissions, expiresIn };
}

/** The exact body the server and the Go CLI agree on, in the Go CLI's key order. */
export function buildCreateRequestBody(input: CreateInput, projectId: string, randomHex: string) {
  return {
    name: input.name,
    workspaceId: projectId,
    scopes: input.scopes.map(({ environment, secretPath }) => ({ environment, secretPath })),
    expiresIn: input.expiresIn,
    encryptedKey: "",
    iv: "",
    tag: "",
    randomBytes: randomHex,
    permissions: [...input.permissions],
  };
}
