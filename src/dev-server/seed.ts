import type { DevState, Organization, Project, User } from "./state.js";

export const DEMO_EMAIL = "demo@example.com";
export const DEMO_PASSWORD = "demo-password";

export interface Demo {
  user: User;
  organization: Organization;
  project: Project;
}

/** One user in one organization with one project (dev, staging, prod). */
export function seedDemo(state: DevState): Demo {
  const user = state.addUser(DEMO_EMAIL, DEMO_PASSWORD);
  const organization = state.addOrganization("Demo Org", [user.id]);
  const project = state.addProject(organization.id, "Demo Project");
  return { user, organization, project };
}
