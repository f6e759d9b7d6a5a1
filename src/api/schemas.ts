/**
 * The Infisical API contract, one zod schema per shape. The client validates responses with
 * these and the dev server validates requests (and shapes responses) with the same ones, so the
 * two cannot drift apart. Request schemas reproduce the real server's (trims, trailing-slash
 * removal, enum, required keys) so the dev server's 422 issue arrays match the real ones.
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

export const environmentSchema = z.object({ name: z.string(), slug: z.string(), id: z.string() });
export type Environment = z.infer<typeof environmentSchema>;

export const projectSchema = z
  .object({
    id: z.string(),
    name: z.string(),
    slug: z.string(),
    orgId: z.string(),
    /** secret-manager, cert-manager, kms, ...: only secret-manager projects hold secrets. */
    type: z.string().optional(),
    environments: z.array(environmentSchema),
  })
  .passthrough();
export type Project = z.infer<typeof projectSchema>;

/** GET /api/v1/projects/:projectId */
export const getProjectResponseSchema = z.object({ project: projectSchema });

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

/* ----- login (POST /api/v3/auth/login, select-organization, MFA, organizations) ----- */

export const loginRequestSchema = z.object({
  email: z.string().trim(),
  password: z.string().trim(),
  providerAuthToken: z.string().trim().optional(),
  captchaToken: z.string().trim().optional(),
});
export type LoginRequest = z.input<typeof loginRequestSchema>;

/** The access token has no organizationId yet: select-organization issues the usable one. */
export const loginResponseSchema = z.object({ accessToken: z.string().min(1) });

export const selectOrganizationRequestSchema = z.object({
  organizationId: z.string().trim(),
  userAgent: z.enum(["cli"]).optional(),
});
export type SelectOrganizationRequest = z.input<typeof selectOrganizationRequestSchema>;

export const mfaMethodSchema = z.enum(["email", "totp", "webauthn"]);
export type MfaMethod = z.infer<typeof mfaMethodSchema>;

/** With isMfaEnabled the token is an MFA token, to be exchanged at /v2/auth/mfa/verify. */
export const selectOrganizationResponseSchema = z.object({
  token: z.string().min(1),
  isMfaEnabled: z.boolean(),
  mfaMethod: mfaMethodSchema.optional(),
});

export const mfaVerifyRequestSchema = z.object({
  mfaToken: z.string().trim(),
  mfaMethod: mfaMethodSchema.default("email"),
});
export type MfaVerifyRequest = z.input<typeof mfaVerifyRequestSchema>;

export const mfaVerifyResponseSchema = z.object({ token: z.string().min(1) }).passthrough();

export const organizationSchema = z
  .object({ id: z.string(), name: z.string(), slug: z.string() })
  .passthrough();
export type Organization = z.infer<typeof organizationSchema>;

/** GET /api/v1/organization */
export const listOrganizationsResponseSchema = z.object({
  organizations: z.array(organizationSchema),
});

/** GET /api/v1/user: the user a login belongs to (keys and other fields are dropped on arrival). */
export const currentUserResponseSchema = z.object({
  user: z.object({
    id: z.string(),
    email: z.string().nullable().optional(),
    username: z.string(),
  }),
});

/** POST /api/v1/auth/checkAuth */
export const checkAuthResponseSchema = z.object({ message: z.string() });

/** DELETE /api/v2/users/me/sessions: every session of the user, the calling one included. */
export const revokeSessionsResponseSchema = z.object({ message: z.string() });

/** GET /api/v1/projects */
export const listProjectsResponseSchema = z.object({ projects: z.array(projectSchema) });

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
