import { chmodSync, readFileSync, statSync } from "node:fs";
import { dirname } from "node:path";
import { z } from "zod";
import { writeFileAtomic } from "../config/write-file-atomic.js";
import { CliError } from "../errors.js";

export const sessionSchema = z.object({
  domain: z.string().min(1),
  email: z.string(),
  organizationId: z.string(),
  organizationName: z.string().optional(),
  token: z.string().min(1),
  expiresAt: z.string().datetime({ offset: true }),
  createdAt: z.string().datetime({ offset: true }),
});
export type Session = z.infer<typeof sessionSchema>;

const sessionsFileSchema = z.object({
  version: z.literal(1),
  sessions: z.array(sessionSchema),
});
type SessionsFile = z.infer<typeof sessionsFileSchema>;

const EMPTY: SessionsFile = { version: 1, sessions: [] };

function corrupt(file: string, why: string, cause?: unknown): CliError {
  return new CliError(`the stored logins in ${file} cannot be read: ${why}`, {
    hint: `remove the file (rm ${JSON.stringify(file)}) and run \`infisical login\` again`,
    cause,
  });
}

/** Logins kept per domain in one JSON file: directory 0700, file 0600, replaced atomically. */
export class SessionStore {
  private checkedPermissions = false;
  private loaded: Promise<SessionsFile> | undefined;

  /** @param warn told when the file or its directory had to be made private again */
  constructor(
    readonly file: string,
    private readonly warn: (message: string) => void = () => undefined,
  ) {}

  /**
   * Logins are credentials: a file or directory that others can read (made by hand, copied,
   * restored from a backup) is made private again, and the user is told.
   */
  private tightenPermissions(): void {
    if (this.checkedPermissions) return;
    this.checkedPermissions = true;
    for (const [path, mode] of [
      [dirname(this.file), 0o700],
      [this.file, 0o600],
    ] as const) {
      const stats = statSync(path, { throwIfNoEntry: false });
      const current = stats === undefined ? undefined : stats.mode & 0o777;
      if (current !== undefined && (current & 0o077) !== 0) {
        chmodSync(path, mode);
        this.warn(
          `${path} was accessible to other users (mode ${current.toString(8)}); it is now ${mode.toString(8)}`,
        );
      }
    }
  }

  async readAll(): Promise<Session[]> {
    // One read per process: a command asks for the latest login and then for its domain's.
    this.loaded ??= this.load();
    return (await this.loaded).sessions;
  }

  async get(domain: string): Promise<Session | undefined> {
    return (await this.readAll()).find((s) => s.domain === domain);
  }

  /** The login made most recently, on any domain. */
  async latest(): Promise<Session | undefined> {
    const sessions = await this.readAll();
    return sessions.reduce<Session | undefined>(
      (best, s) => (best === undefined || s.createdAt > best.createdAt ? s : best),
      undefined,
    );
  }

  async put(session: Session): Promise<void> {
    await this.update((sessions) => [
      ...sessions.filter((s) => s.domain !== session.domain),
      session,
    ]);
  }

  async remove(domain: string): Promise<boolean> {
    let removed = false;
    await this.update((sessions) => {
      const kept = sessions.filter((s) => s.domain !== domain);
      removed = kept.length !== sessions.length;
      return kept;
    });
    return removed;
  }

  async clear(): Promise<void> {
    await this.update(() => []);
  }

  /**
   * Reading is synchronous: a command waits for its login anyway, and Node's promise-based file
   * API costs a start-up about 1.5 ms to load, which only writing needs.
   */
  private async load(): Promise<SessionsFile> {
    this.tightenPermissions();
    let text: string;
    try {
      text = readFileSync(this.file, "utf8");
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (code === "ENOENT") return EMPTY;
      throw corrupt(this.file, (error as Error).message, error);
    }
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch (error) {
      throw corrupt(this.file, "it is not valid JSON", error);
    }
    const parsed = sessionsFileSchema.safeParse(json);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      throw corrupt(
        this.file,
        `${issue?.path.join(".") || "(root)"}: ${issue?.message ?? "invalid"}`,
      );
    }
    return parsed.data;
  }

  /** Read-modify-write under a lock file, so concurrent logins never drop each other's entry. */
  private async update(change: (sessions: Session[]) => Session[]): Promise<void> {
    const { mkdir } = await import("node:fs/promises");
    await mkdir(dirname(this.file), { recursive: true, mode: 0o700 });
    await withLock(`${this.file}.lock`, async () => {
      // Under the lock the file is read afresh: another process may have written it meanwhile.
      const current = await this.load();
      await writeFileAtomic(
        this.file,
        `${JSON.stringify({ version: 1, sessions: change(current.sessions) }, null, 2)}\n`,
      );
      this.loaded = undefined;
    });
  }
}

const LOCK_STALE_MS = 10_000;
const LOCK_WAIT_MS = 15_000;

async function withLock<T>(lockFile: string, action: () => Promise<T>): Promise<T> {
  const { open, stat, unlink } = await import("node:fs/promises");
  const started = Date.now();
  for (;;) {
    try {
      const handle = await open(lockFile, "wx", 0o600);
      await handle.close();
      break;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
      const age = await stat(lockFile).then(
        (s) => Date.now() - s.mtimeMs,
        () => 0,
      );
      if (age > LOCK_STALE_MS) {
        await unlink(lockFile).catch(() => undefined);
        continue;
      }
      if (Date.now() - started > LOCK_WAIT_MS) {
        throw new CliError(`timed out waiting for the lock ${lockFile}`, {
          hint: "if no other infisical command is running, remove the lock file",
        });
      }
      await new Promise((resolve) => setTimeout(resolve, 20 + Math.random() * 30));
    }
  }
  try {
    return await action();
  } finally {
    await unlink(lockFile).catch(() => undefined);
  }
}
