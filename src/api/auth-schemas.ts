/** The login routes' shapes (POST /api/v3/auth/login, select-organization, MFA, organizations, user). */
import { z } from "zod";

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
