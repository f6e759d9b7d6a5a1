/**
 * Shapes of the routes the CLI itself does not call: writing secrets (so a created token can be
 * shown to work) and setting up organizations, projects and folders (so tests and
 * the demo build what they need through the API, as on a real server). The dev server serves
 * them; a module apart from schemas.ts so that the CLI's commands never build these schemas.
 */
import { z } from "zod";
import { organizationSchema } from "./auth-schemas.js";
import { removeTrailingSlash } from "./schemas.js";
import { secretSchema } from "./secret-schemas.js";

export { readSecretsResponseSchema, secretSchema } from "./secret-schemas.js";

/* ----- secrets (the dev server serves these so a created token can be shown to work) ----- */

/** POST /api/v3/secrets/raw/:secretName */
export const createSecretRequestSchema = z.object({
  workspaceId: z.string().trim(),
  environment: z.string().trim(),
  secretPath: z.string().trim().default("/").transform(removeTrailingSlash),
  secretValue: z.string(),
  secretComment: z.string().trim().optional().default(""),
  type: z.enum(["shared", "personal"]).default("shared"),
});

/** POST /api/v3/secrets/raw/:secretName */
export const createSecretResponseSchema = z.object({ secret: secretSchema });

/* ----- set-up routes: the CLI does not call them; the dev server serves them so that tests and
   the demo can build organizations, projects and folders through the API, as on a real server ----- */

/** POST /api/v2/organizations */
export const createOrganizationRequestSchema = z.object({ name: z.string().trim().min(1) });
/** POST /api/v2/organizations; DELETE /api/v2/organizations/:id adds a new accessToken. */
export const organizationResponseSchema = z.object({
  organization: organizationSchema,
  accessToken: z.string().optional(),
});

/** POST /api/v1/projects */
export const createProjectRequestSchema = z.object({
  projectName: z.string().trim().min(1),
  slug: z.string().trim().optional(),
});

/** POST /api/v2/folders: `path` is the parent folder. */
export const createFolderRequestSchema = z.object({
  projectId: z.string().trim(),
  environment: z.string().trim(),
  name: z.string().trim().min(1),
  path: z.string().trim().default("/").transform(removeTrailingSlash),
});
export const createFolderResponseSchema = z.object({
  folder: z.object({ id: z.string(), name: z.string(), path: z.string() }).passthrough(),
});

/* ----- multi-factor login set-up (MFA.md): the CLI only passes MFA, it never sets it up ----- */

const recoveryCodesSchema = z.array(z.string());

/** POST /api/v1/user/me/totp/register */
export const totpRegisterResponseSchema = z.object({
  otpUrl: z.string(),
  recoveryCodes: recoveryCodesSchema,
});

/** POST /api/v1/user/me/totp/verify */
export const totpVerifyRequestSchema = z.object({ totp: z.string().trim() });
export const totpVerifyResponseSchema = z.object({ recoveryCodes: recoveryCodesSchema });

/** GET /api/v1/user/me/totp */
export const totpConfigResponseSchema = z.object({
  isVerified: z.boolean(),
  recoveryCodes: recoveryCodesSchema,
});

/** PATCH /api/v2/users/me/mfa */
export const updateUserMfaRequestSchema = z.object({
  isMfaEnabled: z.boolean().optional(),
  selectedMfaMethod: z.enum(["email", "totp", "webauthn"]).optional(),
});
export const sanitizedUserResponseSchema = z.object({
  user: z.object({ id: z.string(), email: z.string() }).passthrough(),
});

/** GET /api/v2/auth/mfa/check/totp (MFA token) */
export const mfaCheckTotpResponseSchema = z.object({ isVerified: z.boolean() });

/** POST /api/v2/auth/mfa/send (MFA token) */
export const mfaSendResponseSchema = z.object({ message: z.string() });

/** POST /api/v2/auth/mfa/verify/recovery-code (MFA token) */
export const mfaRecoveryCodeRequestSchema = z.object({ recoveryCode: z.string().trim() });

/** PATCH /api/v1/organization/:organizationId */
export const updateOrganizationRequestSchema = z
  .object({ name: z.string().trim().optional(), enforceMfa: z.boolean().optional() })
  .passthrough();
