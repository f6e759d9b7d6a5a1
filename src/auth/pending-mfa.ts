import { readFileSync } from "node:fs";
import { join } from "node:path";
import { z } from "zod";
import { writeFileAtomic } from "../config/write-file-atomic.js";

/**
 * A login waiting for an e-mailed MFA code. Each new login mails a new code and voids the last,
 * so a script cannot log in again with the code it got: the first `infisical login` keeps the
 * server's MFA token here (0600, for its 5 minutes), and `infisical login --mfa-code <code>`
 * finishes that same login.
 */
const pendingSchema = z.object({
  domain: z.string(),
  email: z.string(),
  organization: z.object({ id: z.string(), name: z.string(), slug: z.string() }),
  mfaToken: z.string(),
  method: z.enum(["email", "totp", "webauthn"]),
  expiresAt: z.string(),
});
export type PendingMfa = z.infer<typeof pendingSchema>;

export class PendingMfaStore {
  readonly file: string;

  constructor(configDir: string) {
    this.file = join(configDir, "pending-mfa.json");
  }

  /** The pending login for `domain`, if one is there and has not expired. */
  get(domain: string, now: Date): PendingMfa | undefined {
    let parsed;
    try {
      parsed = pendingSchema.safeParse(JSON.parse(readFileSync(this.file, "utf8")));
    } catch {
      return undefined;
    }
    if (!parsed.success || parsed.data.domain !== domain) return undefined;
    return new Date(parsed.data.expiresAt) > now ? parsed.data : undefined;
  }

  async put(pending: PendingMfa): Promise<void> {
    const { mkdir } = await import("node:fs/promises");
    await mkdir(join(this.file, ".."), { recursive: true, mode: 0o700 });
    await writeFileAtomic(this.file, `${JSON.stringify(pending, null, 2)}\n`);
  }

  async remove(): Promise<void> {
    const { rm } = await import("node:fs/promises");
    await rm(this.file, { force: true });
  }
}
