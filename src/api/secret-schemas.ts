/**
 * Reading secrets: the dev server serves it (so a created token can be shown to work) and
 * `service-token migrate` calls it (to prove a new identity reads what the token read).
 */
import { z } from "zod";

/** A secret as the raw routes return it (reads add the folder and presentation fields). */
export const secretSchema = z
  .object({
    id: z.string(),
    environment: z.string(),
    version: z.number(),
    type: z.string(),
    secretKey: z.string(),
    secretValue: z.string(),
    secretComment: z.string(),
    secretPath: z.string().optional(),
  })
  .passthrough();

/** GET /api/v3/secrets/raw (and /api/v4/secrets) */
export const readSecretsResponseSchema = z.object({
  secrets: z.array(secretSchema),
  imports: z.array(z.unknown()),
});
