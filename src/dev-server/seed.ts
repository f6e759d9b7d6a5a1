import type { DevState, OrganizationRecord, ProjectRecord, User } from "./state.js";

export const DEMO_EMAIL = "demo@example.com";
export const DEMO_PASSWORD = "demo-password";

export interface Demo {
  user: User;
  organization: OrganizationRecord;
  project: ProjectRecord;
}

/** Secrets to read back with a created token, one set per environment. */
export const DEMO_SECRETS: Record<string, Record<string, string>> = {
  dev: { DATABASE_URL: "postgres://demo:demo@localhost:5432/app_dev", FEATURE_FLAGS: "beta-ui" },
  staging: { DATABASE_URL: "postgres://demo:demo@staging-db:5432/app" },
  prod: { DATABASE_URL: "postgres://app:not-a-real-password@prod-db:5432/app" },
};

/** One user in one organization with one project (dev, staging, prod) holding a few secrets. */
export function seedDemo(state: DevState): Demo {
  const user = state.addUser(DEMO_EMAIL, DEMO_PASSWORD);
  const organization = state.addOrganization("Demo Org", [user.id]);
  const project = state.addProject(organization.id, "Demo Project");
  for (const [environment, secrets] of Object.entries(DEMO_SECRETS)) {
    for (const [key, value] of Object.entries(secrets)) {
      state.addSecret({ projectId: project.id, environment, secretPath: "/", key, value });
    }
  }
  return { user, organization, project };
}
