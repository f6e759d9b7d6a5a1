/** The project routes' shapes (GET /api/v1/projects, /api/v1/projects/:projectId). */
import { z } from "zod";

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

/** GET /api/v1/projects */
export const listProjectsResponseSchema = z.object({ projects: z.array(projectSchema) });
