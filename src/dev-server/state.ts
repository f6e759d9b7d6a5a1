import { IdentityStore } from "./identities.js";
import { createHash, randomBytes, randomUUID, timingSafeEqual } from "node:crypto";
import type { Organization } from "../api/auth-schemas.js";
import type { Environment, Project } from "../api/project-schemas.js";
import type { Scope, ServiceTokenData } from "../api/schemas.js";

/** A user's own MFA settings (the server's --mfa option asks every user for an e-mailed code). */
export interface UserMfa {
  enabled: boolean;
  method: "email" | "totp";
  totp?: { secret: Buffer; verified: boolean; recoveryCodes: string[] };
  /** Time steps whose TOTP code was accepted: each code works once. */
  usedSteps: Set<number>;
}

export interface User {
  id: string;
  email: string;
  password: string;
  firstName: string;
  lastName: string;
  createdAt: string;
  updatedAt: string;
  mfa: UserMfa;
}

/** The organization as the server keeps it: the listed fields, and who belongs to it. */
export type OrganizationRecord = Pick<Organization, "id" | "name" | "slug"> & {
  createdAt: string;
  updatedAt: string;
  memberIds: Set<string>;
};

export type ProjectRecord = Pick<Project, "id" | "name" | "slug" | "orgId"> & {
  createdAt: string;
  updatedAt: string;
  environments: Environment[];
};

/** The whole row: what the API returns (ServiceTokenData) and the fields it never returns. */
export type ServiceTokenRow = Omit<
  ServiceTokenData,
  "lastUsed" | "expiresAt" | "expiryNotificationSent"
> & {
  lastUsed: string | null;
  expiresAt: string | null;
  expiryNotificationSent: boolean;
  secretHash: string;
  encryptedKey: string;
  iv: string;
  tag: string;
};

/** A folder below an environment's root, as POST /api/v2/folders answers it. */
export type FolderRecord = {
  id: string;
  name: string;
  version: number;
  createdAt: string;
  updatedAt: string;
  envId: string;
  parentId: string;
  isReserved: boolean;
  description: null;
  lastSecretModified: null;
  path: string;
};

export interface Secret {
  id: string;
  projectId: string;
  environment: string;
  secretPath: string;
  key: string;
  value: string;
  comment: string;
  type: string;
  version: number;
  createdAt: string;
  updatedAt: string;
}

export const DEFAULT_ENVIRONMENTS: readonly [string, string][] = [
  ["Development", "dev"],
  ["Staging", "staging"],
  ["Production", "prod"],
];

function slugify(name: string): string {
  const base =
    name
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, "-")
      .replace(/^-|-$/g, "") || "item";
  return `${base}-${randomBytes(2).toString("hex")}`;
}

/** Secrets are never stored: only a salted hash, compared in constant time. */
function hashSecret(secret: string, salt = randomBytes(16).toString("hex")): string {
  return `sha256$${salt}$${createHash("sha256").update(`${salt}:${secret}`).digest("hex")}`;
}

function secretMatches(secret: string, stored: string): boolean {
  const [, salt] = stored.split("$");
  const candidate = Buffer.from(hashSecret(secret, salt));
  const expected = Buffer.from(stored);
  return candidate.length === expected.length && timingSafeEqual(candidate, expected);
}

/** Everything the dev server knows, in memory. */
export class DevState {
  readonly users = new Map<string, User>();
  readonly organizations = new Map<string, OrganizationRecord>();
  readonly projects = new Map<string, ProjectRecord>();
  readonly serviceTokens = new Map<string, ServiceTokenRow>();
  readonly secrets = new Map<string, Secret>();
  /** `<projectId>:<environment>:<path>` of every folder below a root (roots always exist). */
  readonly folders = new Map<string, FolderRecord>();
  /** Each user's latest MFA challenge: an earlier one's e-mailed code is void. */
  readonly mfaChallenges = new Map<string, string>();
  /** Each user's e-mailed code and its wrong tries (three, then it is deleted). */
  readonly emailCodes = new Map<string, { code: string; tries: number; expiresAt: number }>();
  /** The secret of each user's "Unlock your Infisical account" link. */
  readonly unlockTokens = new Map<string, string>();
  /** What the server "mailed", by address (codes and unlock links), oldest first. */
  readonly mailbox = new Map<string, string[]>();

  mail(address: string, text: string): void {
    this.mailbox.set(address, [...(this.mailbox.get(address) ?? []), text]);
  }
  /** Live login sessions (a JWT's tokenVersionId) and their user: revoking deletes them. */
  readonly sessions = new Map<string, string>();

  /** Machine identities, their Universal Auth, memberships and privileges. */
  readonly identities: IdentityStore;

  constructor(
    private readonly now: () => Date,
    privilegeDelayMs = 0,
  ) {
    this.identities = new IdentityStore(now, privilegeDelayMs);
  }

  private timestamp(): string {
    return this.now().toISOString();
  }

  addUser(email: string, password: string, firstName = "Demo", lastName = "User"): User {
    const at = this.timestamp();
    const user = {
      id: randomUUID(),
      email,
      password,
      firstName,
      lastName,
      createdAt: at,
      updatedAt: at,
      mfa: { enabled: false, method: "email" as const, usedSteps: new Set<number>() },
    };
    this.users.set(user.id, user);
    return user;
  }

  addOrganization(name: string, memberIds: string[]): OrganizationRecord {
    const at = this.timestamp();
    const org = {
      id: randomUUID(),
      name,
      slug: slugify(name),
      createdAt: at,
      updatedAt: at,
      memberIds: new Set(memberIds),
    };
    this.organizations.set(org.id, org);
    return org;
  }

  addProject(
    orgId: string,
    name: string,
    environments: readonly [string, string][] = DEFAULT_ENVIRONMENTS,
  ): ProjectRecord {
    const at = this.timestamp();
    const project: ProjectRecord = {
      id: randomUUID(),
      name,
      slug: slugify(name),
      orgId,
      createdAt: at,
      updatedAt: at,
      environments: environments.map(([envName, slug]) => ({
        id: randomUUID(),
        name: envName,
        slug,
      })),
    };
    this.projects.set(project.id, project);
    return project;
  }

  addSecret(input: {
    projectId: string;
    environment: string;
    secretPath: string;
    key: string;
    value: string;
    comment?: string;
    type?: string;
  }): Secret {
    const at = this.timestamp();
    const secret: Secret = {
      id: randomUUID(),
      comment: "",
      type: "shared",
      ...input,
      version: 1,
      createdAt: at,
      updatedAt: at,
    };
    this.ensureFolder(input.projectId, input.environment, input.secretPath);
    this.secrets.set(secret.id, secret);
    return secret;
  }

  /** Whether the folder exists: an environment's root does when the environment does. */
  hasFolder(projectId: string, environment: string, path: string): boolean {
    const project = this.projects.get(projectId);
    if (!project?.environments.some((e) => e.slug === environment)) return false;
    return path === "/" || this.folders.has(`${projectId}:${environment}:${path}`);
  }

  /** The folders of an environment, its root first, in the order they were made. */
  folderPaths(projectId: string, environment: string): string[] {
    const prefix = `${projectId}:${environment}:`;
    const below = [...this.folders.keys()]
      .filter((key) => key.startsWith(prefix))
      .map((key) => key.slice(prefix.length));
    return this.hasFolder(projectId, environment, "/") ? ["/", ...below] : [];
  }

  /** Makes `name` below `parent` (which must exist), or returns the one that is there. */
  addFolder(projectId: string, environment: string, parent: string, name: string): FolderRecord {
    const path = parent === "/" ? `/${name}` : `${parent}/${name}`;
    const key = `${projectId}:${environment}:${path}`;
    const existing = this.folders.get(key);
    if (existing) return existing;
    const at = this.timestamp();
    const envId = this.projects
      .get(projectId)
      ?.environments.find((e) => e.slug === environment)?.id;
    const folder: FolderRecord = {
      id: randomUUID(),
      name,
      version: 1,
      createdAt: at,
      updatedAt: at,
      envId: envId ?? "",
      parentId: this.folders.get(`${projectId}:${environment}:${parent}`)?.id ?? envId ?? "",
      isReserved: false,
      description: null,
      lastSecretModified: null,
      path,
    };
    this.folders.set(key, folder);
    return folder;
  }

  /** Makes every folder on the way to `path` (for seeded secrets). */
  ensureFolder(projectId: string, environment: string, path: string): void {
    let parent = "/";
    for (const name of path.split("/").filter(Boolean)) {
      parent = this.addFolder(projectId, environment, parent, name).path;
    }
  }

  findSecrets(projectId: string, environment: string, secretPath: string): Secret[] {
    return [...this.secrets.values()].filter(
      (s) =>
        s.projectId === projectId && s.environment === environment && s.secretPath === secretPath,
    );
  }

  /** The organization and everything in it. */
  removeOrganization(orgId: string): void {
    this.organizations.delete(orgId);
    for (const project of [...this.projects.values()]) {
      if (project.orgId === orgId) this.projects.delete(project.id);
    }
  }

  /** Ends every login session of the user ("sign out everywhere"). */
  revokeSessions(userId: string): void {
    for (const [id, owner] of [...this.sessions]) if (owner === userId) this.sessions.delete(id);
  }

  isMember(userId: string, orgId: string): boolean {
    return this.organizations.get(orgId)?.memberIds.has(userId) ?? false;
  }

  /** Returns the row and the secret; only the hash is kept. */
  addServiceToken(input: {
    name: string;
    projectId: string;
    scopes: Scope[];
    permissions: string[];
    expiresInSeconds: number | null;
    createdBy: string;
    encryptedKey: string;
    iv: string;
    tag: string;
  }): { row: ServiceTokenRow; secret: string } {
    const now = this.now();
    const secret = randomBytes(16).toString("hex");
    // Like the server: 0 and null mean never; fractions are dropped; negatives are allowed.
    const expiresAt = input.expiresInSeconds
      ? new Date(now.getTime() + Math.trunc(input.expiresInSeconds) * 1000).toISOString()
      : null;
    const row: ServiceTokenRow = {
      id: randomUUID(),
      name: input.name,
      scopes: input.scopes.map(({ environment, secretPath }) => ({ secretPath, environment })),
      permissions: input.permissions,
      lastUsed: null,
      expiresAt,
      secretHash: hashSecret(secret),
      encryptedKey: input.encryptedKey,
      iv: input.iv,
      tag: input.tag,
      createdAt: now.toISOString(),
      updatedAt: now.toISOString(),
      createdBy: input.createdBy,
      projectId: input.projectId,
      expiryNotificationSent: false,
    };
    this.serviceTokens.set(row.id, row);
    return { row, secret };
  }

  checkServiceTokenSecret(row: ServiceTokenRow, secret: string): boolean {
    return secretMatches(secret, row.secretHash);
  }
}
