/**
 * Machine identities, Universal Auth, project memberships and additional privileges: one schema
 * per API shape, for the client (its answers) and the dev server (its requests), as recorded
 * against a real server (200–273, IDENTITIES.md).
 */
import { z } from "zod";

const isoDate = z.string();

export const identitySchema = z.object({
  id: z.string(),
  name: z.string(),
  orgId: z.string(),
  createdAt: isoDate,
  updatedAt: isoDate,
  authMethods: z.array(z.string()).optional(),
});

/** POST /api/v1/identities; `role` is the identity's organization role. */
export const createIdentityRequestSchema = z.object({
  name: z.string().trim().min(1),
  organizationId: z.string().trim(),
  role: z.string().trim().default("no-access"),
  hasDeleteProtection: z.boolean().default(false),
  metadata: z.array(z.object({ key: z.string(), value: z.string() })).optional(),
});
export const identityResponseSchema = z.object({ identity: identitySchema });

/** POST /api/v1/auth/universal-auth/identities/:identityId (seconds; 0 uses = no limit). */
export const attachUniversalAuthRequestSchema = z
  .object({
    accessTokenTTL: z.number().int().min(0).default(2_592_000),
    accessTokenMaxTTL: z.number().int().min(0).default(2_592_000),
    accessTokenNumUsesLimit: z.number().int().min(0).default(0),
  })
  .refine((ttl) => ttl.accessTokenTTL <= ttl.accessTokenMaxTTL, {
    message: "Access Token TTL cannot be greater than Access Token Max TTL.",
  });
export const universalAuthSchema = z.object({
  id: z.string(),
  clientId: z.string(),
  identityId: z.string(),
  accessTokenTTL: z.number(),
  accessTokenMaxTTL: z.number(),
  accessTokenNumUsesLimit: z.number(),
});
export const universalAuthResponseSchema = z.object({ identityUniversalAuth: universalAuthSchema });

export const createClientSecretRequestSchema = z.object({
  description: z.string().trim().default(""),
  numUsesLimit: z.number().int().min(0).default(0),
  ttl: z.number().int().min(0).default(0),
});
export const clientSecretDataSchema = z.object({
  id: z.string(),
  clientSecretPrefix: z.string(),
  clientSecretTTL: z.number(),
  isClientSecretRevoked: z.boolean(),
});
export const createClientSecretResponseSchema = z.object({
  clientSecret: z.string(),
  clientSecretData: clientSecretDataSchema,
});
export const listClientSecretsResponseSchema = z.object({
  clientSecretData: z.array(clientSecretDataSchema),
});
export const revokeClientSecretResponseSchema = z.object({
  clientSecretData: clientSecretDataSchema,
});

export const universalAuthLoginRequestSchema = z.object({
  clientId: z.string().trim(),
  clientSecret: z.string().trim(),
});
export const universalAuthLoginResponseSchema = z.object({
  accessToken: z.string(),
  expiresIn: z.number(),
  accessTokenMaxTTL: z.number(),
  tokenType: z.literal("Bearer"),
});
export const revokeAccessTokenRequestSchema = z.object({ accessToken: z.string().trim() });
export const revokeAccessTokenResponseSchema = z.object({ message: z.string() });

const membershipRoleRequestSchema = z.object({
  role: z.string(),
  isTemporary: z.boolean().default(false),
});
/** POST /api/v1/projects/:projectId/memberships/identities/:identityId */
export const addIdentityMembershipRequestSchema = z.object({
  roles: z.array(membershipRoleRequestSchema).min(1),
});
/** The deprecated /api/v2/workspace/ route takes one role or the list. */
export const addIdentityMembershipLegacyRequestSchema = z.object({
  role: z.string().optional(),
  roles: z.array(membershipRoleRequestSchema).optional(),
});
export const identityMembershipSchema = z.object({
  id: z.string(),
  identityId: z.string(),
  createdAt: isoDate,
  updatedAt: isoDate,
});
export const addIdentityMembershipResponseSchema = z.object({
  identityMembership: identityMembershipSchema.extend({ projectId: z.string() }),
});
const membershipRoleSchema = z.object({ id: z.string(), role: z.string() });
export const identityMembershipDetailsSchema = z.object({
  id: z.string(),
  roles: z.array(membershipRoleSchema),
  identity: z.object({ id: z.string(), name: z.string() }),
});
export const getIdentityMembershipResponseSchema = z.object({
  identityMembership: identityMembershipDetailsSchema,
});
export const listIdentityMembershipsResponseSchema = z.object({
  identityMemberships: z.array(identityMembershipDetailsSchema.extend({ identityId: z.string() })),
});

/** Every subject a project permission can name, in the server's order (its 422 lists them). */
export const PROJECT_PERMISSION_SUBJECTS = [
  "secrets",
  "secret-folders",
  "secret-imports",
  "dynamic-secrets",
  "identity",
  "ssh-hosts",
  "pki-subscribers",
  "certificate-templates",
  "secret-rotation",
  "secret-syncs",
  "pki-syncs",
  "secret-event-subscriptions",
  "certificate-profiles",
  "certificate-policies",
  "certificate-authorities",
  "certificates",
  "secret-approval",
  "secret-rollback",
  "member",
  "groups",
  "role",
  "integrations",
  "webhooks",
  "service-tokens",
  "settings",
  "environments",
  "tags",
  "audit-logs",
  "insights",
  "ip-allowlist",
  "ssh-certificate-authorities",
  "ssh-certificates",
  "ssh-certificate-templates",
  "ssh-host-groups",
  "pki-alerts",
  "pki-collections",
  "certificate-inventory-views",
  "pki-discovery",
  "pki-certificate-installations",
  "code-signers",
  "workspace",
  "kms",
  "cmek",
  "kmip",
  "commits",
  "secret-scanning-data-sources",
  "secret-scanning-findings",
  "secret-scanning-configs",
  "app-connections",
  "hsm-connectors",
  "pam-folders",
  "pam-resources",
  "pam-domains",
  "pam-accounts",
  "pam-sessions",
  "pam-account-policies",
  "pam-discovery",
  "pam-insights",
  "mcp-endpoints",
  "mcp-servers",
  "mcp-activity-logs",
  "honey-tokens",
  "approval-requests",
  "approval-request-grants",
  "secret-approval-request",
  "project-folder-grant",
] as const;

/** Subjects whose rules are scoped to an environment and a secret path. */
const PATH_SCOPED = new Set(["secrets", "secret-folders", "secret-imports"]);

/** A secret path condition: a path, or an operator on it; it must start with "/" (238). */
const secretPathConditionSchema = z
  .union([
    z.string(),
    z
      .object({ $eq: z.string(), $ne: z.string(), $glob: z.string(), $in: z.array(z.string()) })
      .partial(),
  ])
  .superRefine((condition, ctx) => {
    const paths =
      typeof condition === "string"
        ? [condition]
        : [condition.$eq, condition.$ne, condition.$glob, ...(condition.$in ?? [])];
    if (paths.some((path) => path !== undefined && !path.startsWith("/")))
      ctx.addIssue({ code: "custom", message: "Invalid Secret Path; it must start with a '/'" });
  });

const pathScopedConditionsSchema = z
  .object({ environment: z.string(), secretPath: secretPathConditionSchema })
  .partial()
  .optional();

const [firstSubject, ...otherSubjects] = PROJECT_PERMISSION_SUBJECTS;
const ruleFor = (subject: string) =>
  z.object({
    subject: z.literal(subject),
    action: z.array(z.string()).min(1),
    inverted: z.boolean().optional(),
    conditions: PATH_SCOPED.has(subject)
      ? pathScopedConditionsSchema
      : z.record(z.unknown()).optional(),
  });
export const permissionRuleSchema = z.discriminatedUnion("subject", [
  ruleFor(firstSubject),
  ...otherSubjects.map(ruleFor),
]);

/** POST /api/v2/identity-project-additional-privilege */
export const addPrivilegeRequestSchema = z.object({
  identityId: z.string(),
  projectId: z.string(),
  slug: z.string().trim().optional(),
  permissions: z.array(permissionRuleSchema),
  type: z.object({
    isTemporary: z.boolean(),
    temporaryMode: z.string().optional(),
    temporaryRange: z.string().optional(),
    temporaryAccessStartTime: z.string().optional(),
  }),
});
export const privilegeSchema = z.object({ id: z.string(), slug: z.string() });
export const addPrivilegeResponseSchema = z.object({
  privilege: privilegeSchema.extend({ permissions: z.array(z.unknown()) }),
});
export const listPrivilegesResponseSchema = z.object({ privileges: z.array(privilegeSchema) });

export const listIdentitiesResponseSchema = z.object({
  identities: z.array(z.object({ id: z.string() }).passthrough()),
  totalCount: z.number(),
});

/** GET /api/v1/identities?orgId=: the organization's identities as memberships (257). */
export const organizationIdentitiesResponseSchema = z.object({
  identities: z.array(
    z.object({
      role: z.string(),
      identityId: z.string(),
      createdAt: isoDate,
      lastLoginTime: isoDate.nullable().optional(),
      identity: z.object({
        id: z.string(),
        name: z.string(),
        authMethods: z.array(z.string()).default([]),
      }),
    }),
  ),
});
