import { readFile } from "node:fs/promises";
import { z } from "zod";
import { parseScope } from "../core/scope.js";
import { CliError } from "../errors.js";
import type { Demo } from "./seed.js";
import type { DevState } from "./state.js";

const slug = z
  .string()
  .regex(/^[A-Za-z0-9_-]+$/, "an environment slug has only letters, digits, '-' and '_'");

const projectSchema = z
  .object({
    name: z.string().min(1),
    environments: z.array(slug).min(1).default(["dev", "staging", "prod"]),
    /** "env:/path" -> { KEY: "value" } */
    secrets: z.record(z.record(z.string())).default({}),
  })
  .strict();

export const seedFileSchema = z
  .object({
    users: z
      .array(z.object({ email: z.string().email(), password: z.string().min(1) }).strict())
      .default([]),
    projects: z.array(projectSchema).default([]),
    /** More organizations of the demo user (and the seeded users), each with its projects. */
    organizations: z
      .array(
        z
          .object({ name: z.string().min(1), projects: z.array(projectSchema).default([]) })
          .strict(),
      )
      .default([]),
    /** Extra service tokens in the demo project, for trying lists of realistic size. */
    serviceTokens: z.number().int().min(0).max(100_000).default(0),
  })
  .strict();

const titleCase = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);

/** The --seed file's format, as the library's fixture takes it. */
export type SeedFile = z.input<typeof seedFileSchema>;

/** Adds the file's users (to the demo organization) and projects, with their secrets. */
export async function applySeedFile(file: string, state: DevState, demo: Demo): Promise<void> {
  let json: unknown;
  try {
    json = JSON.parse(await readFile(file, "utf8"));
  } catch (error) {
    throw new CliError(`cannot read the seed file ${file}: ${(error as Error).message}`, {
      cause: error,
    });
  }
  applySeed(json, state, demo, `the seed file ${file}`);
}

/** The same from a value (`what` names it in errors). */
export function applySeed(json: unknown, state: DevState, demo: Demo, what = "the seed"): void {
  const parsed = seedFileSchema.safeParse(json);
  if (!parsed.success) {
    const problems = parsed.error.issues.map(
      (i) => `${i.path.join(".") || "(root)"}: ${i.message}`,
    );
    throw new CliError(`${what} is not valid: ${problems.join("; ")}`, {
      hint: "see `infisical dev-server --help` for the format",
    });
  }
  for (const user of parsed.data.users) {
    const added = state.addUser(user.email, user.password);
    demo.organization.memberIds.add(added.id);
  }
  for (let i = 0; i < parsed.data.serviceTokens; i += 1) {
    state.addServiceToken({
      name: `seeded token ${i + 1}`,
      projectId: demo.project.id,
      scopes: [
        {
          environment: ["dev", "staging", "prod"][i % 3] as string,
          secretPath: i % 2 ? "/" : "/backend/**",
        },
      ],
      permissions: i % 4 ? ["read"] : ["read", "write"],
      expiresInSeconds: i % 5 ? 86_400 * (1 + (i % 30)) : null,
      createdBy: demo.user.id,
      encryptedKey: "",
      iv: "",
      tag: "",
    });
  }
  for (const project of parsed.data.projects)
    addProject(state, demo.organization.id, project, what);
  for (const organization of parsed.data.organizations) {
    const added = state.addOrganization(organization.name, [...demo.organization.memberIds]);
    for (const project of organization.projects) addProject(state, added.id, project, what);
  }
}

function addProject(
  state: DevState,
  orgId: string,
  project: z.infer<typeof projectSchema>,
  what: string,
): void {
  const added = state.addProject(
    orgId,
    project.name,
    project.environments.map((env) => [titleCase(env), env] as [string, string]),
  );
  for (const [where, secrets] of Object.entries(project.secrets)) {
    const { environment, secretPath } = parseScope(where);
    if (!project.environments.includes(environment)) {
      throw new CliError(
        `${what} puts secrets in ${where}, but ${project.name} has no environment ${environment}`,
      );
    }
    for (const [key, value] of Object.entries(secrets)) {
      state.addSecret({ projectId: added.id, environment, secretPath, key, value });
    }
  }
}
