import type { ServiceTokenData } from "../api/schemas.js";
import { deleteServiceToken } from "../api/service-tokens.js";
import type { CreateInput } from "../core/create-request.js";
import { rotationInput } from "../core/rotation.js";
import { CliError } from "../errors.js";
import { findToken } from "./find.js";
import { projectTokens } from "./list.js";
import { issueServiceToken, prepareCreate, type IssuedToken, type ProjectAccess } from "./issue.js";

export interface Rotation {
  old: ServiceTokenData;
  input: CreateInput;
  prepared: ReturnType<typeof prepareCreate>;
}

/** The token to replace (by id or its unique beginning) and the create that replaces it. */
export async function planRotation(
  access: ProjectAccess,
  id: string,
  expiry: { expiresIn?: string | undefined; expirySeconds?: string | undefined },
): Promise<Rotation> {
  const old = findToken(await projectTokens(access), id, access.projectId);
  const input = rotationInput(old, expiry);
  return { old, input, prepared: prepareCreate(input, access.projectId) };
}

export interface Rotated {
  created: IssuedToken;
  /** Whether the old token is gone (false with keepOld, or when the delete failed). */
  oldDeleted: boolean;
  /** Why the old token could not be deleted. */
  deleteError?: CliError;
}

/**
 * Creates the new token, hands it over (`onCreated`: before anything else can fail, so it is
 * never lost), then deletes the old one unless told to keep it. Nothing is deleted unless the
 * new token exists.
 */
export async function carryOutRotation(
  access: ProjectAccess,
  rotation: Rotation,
  options: { keepOld?: boolean | undefined; onCreated?: (created: IssuedToken) => void },
): Promise<Rotated> {
  const created = await issueServiceToken(access, rotation.input, rotation.prepared);
  options.onCreated?.(created);
  if (options.keepOld) return { created, oldDeleted: false };
  try {
    await deleteServiceToken(access.client, access.credentials.token, rotation.old.id);
    return { created, oldDeleted: true };
  } catch (error) {
    if (!(error instanceof CliError)) throw error;
    return { created, oldDeleted: false, deleteError: error };
  }
}
