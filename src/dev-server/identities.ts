/**
 * Machine identities as the real server keeps them (recordings 200–273, IDENTITIES.md): an
 * identity in an organization, its Universal Auth (client id, client secrets, access tokens), its
 * project memberships with roles, and additional privileges (permission rules scoped to an
 * environment and a secret path).
 */
import { createHash, randomBytes, randomUUID } from "node:crypto";
import { globMatches } from "../core/path-glob.js";

export interface IdentityRecord {
  id: string;
  name: string;
  orgId: string;
  /** The identity's organization role (route default `no-access`). */
  orgRole: string;
  hasDeleteProtection: boolean;
  createdAt: string;
  updatedAt: string;
  /** The organization membership row: its id and when a login last touched it. */
  orgMembershipId: string;
  orgMembershipUpdatedAt: string;
  lastLoginTime: string | null;
}

export interface UniversalAuthRecord {
  id: string;
  identityId: string;
  clientId: string;
  accessTokenTTL: number;
  accessTokenMaxTTL: number;
  accessTokenNumUsesLimit: number;
  createdAt: string;
  updatedAt: string;
}

export interface ClientSecretRecord {
  id: string;
  identityId: string;
  identityUAId: string;
  secretHash: string;
  prefix: string;
  description: string;
  numUses: number;
  numUsesLimit: number;
  ttl: number;
  revoked: boolean;
  createdAt: string;
  updatedAt: string;
}

export interface MembershipRole {
  id: string;
  role: string;
}

export interface IdentityMembershipRecord {
  id: string;
  projectId: string;
  identityId: string;
  roles: MembershipRole[];
  createdAt: string;
  updatedAt: string;
}

/** One permission rule as the server stores it: actions on a subject under conditions. */
export interface PermissionRule {
  subject: string;
  action: string[];
  conditions?: {
    environment?: string;
    secretPath?: string | { $glob?: string; $eq?: string };
  };
  inverted?: boolean;
}

export interface PrivilegeRecord {
  id: string;
  identityId: string;
  projectId: string;
  slug: string;
  permissions: PermissionRule[];
  createdAt: string;
  updatedAt: string;
}

/** The project roles that exist on every project (custom roles need a paid plan, 215). */
export const BUILT_IN_PROJECT_ROLES = ["admin", "member", "viewer", "no-access"] as const;

const hash = (text: string) => createHash("sha256").update(text).digest("hex");

/** How long a computed permission set is kept (a privilege added meanwhile is not seen: 220). */
export const PERMISSION_CACHE_MS = 10_000;

export class IdentityStore {
  readonly identities = new Map<string, IdentityRecord>();
  /** By identity id. */
  readonly universalAuth = new Map<string, UniversalAuthRecord>();
  readonly clientSecrets = new Map<string, ClientSecretRecord>();
  /** Access tokens revoked one by one (their identityAccessTokenId). */
  readonly revokedAccessTokens = new Set<string>();
  /** By `<projectId>:<identityId>`. */
  readonly memberships = new Map<string, IdentityMembershipRecord>();
  readonly privileges = new Map<string, PrivilegeRecord>();
  /** The permission rules an identity was last given for a project, and when. */
  private readonly permissionCache = new Map<string, { at: number; rules: PermissionRule[] }>();

  /**
   * @param privilegeDelayMs how long a new privilege takes to apply: 0 here, about 10 s on the
   *   real server for an identity that made a request shortly before (its permission cache);
   *   set to test a client against a slow server.
   */
  constructor(
    private readonly now: () => Date,
    private readonly privilegeDelayMs = 0,
  ) {}

  private timestamp(): string {
    return this.now().toISOString();
  }

  addIdentity(name: string, orgId: string, orgRole: string): IdentityRecord {
    const at = this.timestamp();
    const identity: IdentityRecord = {
      id: randomUUID(),
      name,
      orgId,
      orgRole,
      hasDeleteProtection: false,
      createdAt: at,
      updatedAt: at,
      orgMembershipId: randomUUID(),
      orgMembershipUpdatedAt: at,
      lastLoginTime: null,
    };
    this.identities.set(identity.id, identity);
    return identity;
  }

  /** Deleting an identity removes everything under it (268–270). */
  deleteIdentity(id: string): IdentityRecord | undefined {
    const identity = this.identities.get(id);
    if (!identity) return undefined;
    this.identities.delete(id);
    this.universalAuth.delete(id);
    for (const [key, secret] of this.clientSecrets)
      if (secret.identityId === id) this.clientSecrets.delete(key);
    for (const [key, membership] of this.memberships)
      if (membership.identityId === id) this.memberships.delete(key);
    for (const [key, privilege] of this.privileges)
      if (privilege.identityId === id) this.privileges.delete(key);
    return identity;
  }

  attachUniversalAuth(
    identityId: string,
    ttl: { accessTokenTTL: number; accessTokenMaxTTL: number; accessTokenNumUsesLimit: number },
  ): UniversalAuthRecord {
    const at = this.timestamp();
    const record: UniversalAuthRecord = {
      id: randomUUID(),
      identityId,
      clientId: randomUUID(),
      ...ttl,
      createdAt: at,
      updatedAt: at,
    };
    this.universalAuth.set(identityId, record);
    return record;
  }

  addClientSecret(
    ua: UniversalAuthRecord,
    input: { description: string; numUsesLimit: number; ttl: number },
  ): { record: ClientSecretRecord; secret: string } {
    const secret = randomBytes(32).toString("hex");
    const at = this.timestamp();
    const record: ClientSecretRecord = {
      id: randomUUID(),
      identityId: ua.identityId,
      identityUAId: ua.id,
      secretHash: hash(secret),
      prefix: secret.slice(0, 4),
      description: input.description,
      numUses: 0,
      numUsesLimit: input.numUsesLimit,
      ttl: input.ttl,
      revoked: false,
      createdAt: at,
      updatedAt: at,
    };
    this.clientSecrets.set(record.id, record);
    return { record, secret };
  }

  /** The client secret that logs in with these credentials, if any (revoked ones never do). */
  clientSecretFor(clientId: string, secret: string): ClientSecretRecord | undefined {
    const ua = [...this.universalAuth.values()].find((u) => u.clientId === clientId);
    if (!ua || !this.identities.has(ua.identityId)) return undefined;
    const wanted = hash(secret);
    const nowMs = this.now().getTime();
    return [...this.clientSecrets.values()].find(
      (s) =>
        s.identityUAId === ua.id &&
        !s.revoked &&
        s.secretHash === wanted &&
        (s.ttl === 0 || Date.parse(s.createdAt) + s.ttl * 1000 > nowMs) &&
        (s.numUsesLimit === 0 || s.numUses < s.numUsesLimit),
    );
  }

  membership(projectId: string, identityId: string): IdentityMembershipRecord | undefined {
    return this.memberships.get(`${projectId}:${identityId}`);
  }

  addMembership(projectId: string, identityId: string, roles: string[]): IdentityMembershipRecord {
    const at = this.timestamp();
    const membership: IdentityMembershipRecord = {
      id: randomUUID(),
      projectId,
      identityId,
      roles: roles.map((role) => ({ id: randomUUID(), role })),
      createdAt: at,
      updatedAt: at,
    };
    this.memberships.set(`${projectId}:${identityId}`, membership);
    return membership;
  }

  addPrivilege(input: Omit<PrivilegeRecord, "id" | "createdAt" | "updatedAt">): PrivilegeRecord {
    const at = this.timestamp();
    const privilege: PrivilegeRecord = { id: randomUUID(), ...input, createdAt: at, updatedAt: at };
    this.privileges.set(privilege.id, privilege);
    return privilege;
  }

  privilegesOf(identityId: string, projectId: string): PrivilegeRecord[] {
    return [...this.privileges.values()].filter(
      (p) => p.identityId === identityId && p.projectId === projectId,
    );
  }

  /**
   * What the identity may do in the project: its roles' rules and its privileges' rules, as the
   * server computed them at most 10 s ago (it caches them per identity and project).
   */
  rulesOf(membership: IdentityMembershipRecord): PermissionRule[] {
    const key = `${membership.projectId}:${membership.identityId}`;
    const nowMs = this.now().getTime();
    const cached = this.permissionCache.get(key);
    if (cached && nowMs - cached.at < PERMISSION_CACHE_MS) return cached.rules;
    const rules = [
      ...membership.roles.flatMap((r) => roleRules(r.role)),
      ...this.privilegesOf(membership.identityId, membership.projectId)
        .filter((p) => Date.parse(p.createdAt) + this.privilegeDelayMs <= nowMs)
        .flatMap((p) => p.permissions),
    ];
    this.permissionCache.set(key, { at: nowMs, rules });
    return rules;
  }
}

/** The built-in roles' rules on secrets (what these recordings exercise). */
function roleRules(role: string): PermissionRule[] {
  const secretSubjects = ["secrets", "secret-folders", "secret-imports"];
  if (role === "admin" || role === "member")
    return secretSubjects.map((subject) => ({
      subject,
      action: ["describeSecret", "readValue", "read", "create", "edit", "delete"],
    }));
  if (role === "viewer")
    return secretSubjects.map((subject) => ({
      subject,
      action: ["describeSecret", "readValue", "read"],
    }));
  return [];
}

function pathCondition(rule: PermissionRule): string | undefined {
  const condition = rule.conditions?.secretPath;
  if (condition === undefined) return undefined;
  return typeof condition === "string" ? condition : (condition.$glob ?? condition.$eq);
}

/** Whether a rule allows `action` on `subject` in this environment and folder. */
export function ruleAllows(
  rule: PermissionRule,
  subject: string,
  action: string,
  environment: string,
  secretPath: string,
): boolean {
  if (rule.inverted || rule.subject !== subject || !rule.action.includes(action)) return false;
  const env = rule.conditions?.environment;
  if (env !== undefined && env !== environment) return false;
  const path = pathCondition(rule);
  return path === undefined || globMatches(path, secretPath);
}

/** Whether any rule allows `action` on `subject` anywhere (CASL's check without a resource). */
export function anyRuleAllows(rules: PermissionRule[], subject: string, action: string): boolean {
  return rules.some((r) => !r.inverted && r.subject === subject && r.action.includes(action));
}
