import { chmodSync, lstatSync, readdirSync, readFileSync, statSync } from "node:fs";
import { basename, dirname } from "node:path";
import { z } from "zod";
import { forgetOnExit, removeOnExit } from "../config/exit-cleanup.js";
import { modesMeanSomething } from "../config/file-modes.js";
import { retryBusy } from "../config/retry-busy.js";
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

/** The directory holds nothing but the sessions file and its lock and temporary files. */
function holdsOnlyOurFiles(dir: string, file: string): boolean {
  const name = basename(file);
  return readdirSync(dir).every((entry) => entry === name || entry.startsWith(`${name}.`));
}

/** Logins kept per domain in one JSON file: directory 0700, file 0600, replaced atomically. */
export class SessionStore {
  private checkedPlaces = false;
  private loaded: Promise<SessionsFile> | undefined;

  /** @param warn told when the file or its directory had to be made private again */
  constructor(
    readonly file: string,
    private readonly warn: (message: string) => void = () => undefined,
  ) {}

  /**
   * Logins are credentials. Before the file is opened: a directory every user may write to is
   * refused (anyone could swap the file); a sessions.json that is a symbolic link or not a
   * regular file (a FIFO would hang the read) is refused without opening it; and what is plainly
   * the CLI's own (a regular file it wrote, a directory holding only its files) is made private
   * again if others can read it, with a warning. Nothing else is ever chmodded: not $HOME, not a
   * shared directory, not the target of a link.
   */
  private checkPlaces(): void {
    if (this.checkedPlaces) return;
    this.checkedPlaces = true;
    if (!modesMeanSomething(process.platform)) return;
    const dir = dirname(this.file);
    const dirStats = statSync(dir, { throwIfNoEntry: false });
    if (!dirStats) return;
    if ((dirStats.mode & 0o002) !== 0) {
      throw new CliError(
        `${dir} can be written by every user: logins cannot be kept there safely`,
        {
          hint: "set INFISICAL_CONFIG_DIR to a directory of your own (it is made with mode 700)",
        },
      );
    }
    const fileStats = lstatSync(this.file, { throwIfNoEntry: false });
    if (fileStats && !fileStats.isFile()) {
      throw corrupt(
        this.file,
        fileStats.isSymbolicLink()
          ? "it is a symbolic link, which is not followed"
          : "it is not a regular file",
      );
    }
    if (fileStats) this.makePrivate(this.file, fileStats.mode, 0o600);
    if (!lstatSync(dir).isSymbolicLink() && holdsOnlyOurFiles(dir, this.file))
      this.makePrivate(dir, dirStats.mode, 0o700);
  }

  private makePrivate(path: string, current: number, mode: number): void {
    if ((current & 0o077) === 0) return;
    chmodSync(path, mode);
    this.warn(
      `${path} was accessible to other users (mode ${(current & 0o777).toString(8)}); it is now ${mode.toString(8)}`,
    );
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
    this.checkPlaces();
    let text: string;
    try {
      text = await retryBusy(async () => readFileSync(this.file, "utf8"));
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

/** Whether the process that wrote the lock (its pid is the lock's content) is gone. */
function holderIsGone(content: string): boolean {
  const pid = Number(content.trim());
  if (!Number.isSafeInteger(pid) || pid <= 0) return false;
  try {
    process.kill(pid, 0);
    return false;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "ESRCH";
  }
}

/**
 * The lock holds its holder's pid: a lock left by a process that died is taken over at once;
 * one without a readable pid only when it is old. The lock is removed when this process exits,
 * however it exits.
 */
async function withLock<T>(lockFile: string, action: () => Promise<T>): Promise<T> {
  const { open, readFile, stat, unlink } = await import("node:fs/promises");
  const started = Date.now();
  for (;;) {
    try {
      const handle = await retryBusy(() => open(lockFile, "wx", 0o600));
      removeOnExit(lockFile);
      await handle.writeFile(String(process.pid));
      await handle.close();
      break;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
      const [age, content] = await Promise.all([
        stat(lockFile).then(
          (s) => Date.now() - s.mtimeMs,
          () => 0,
        ),
        readFile(lockFile, "utf8").catch(() => ""),
      ]);
      if (age > LOCK_STALE_MS || holderIsGone(content)) {
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
    await retryBusy(() => unlink(lockFile)).catch(() => undefined);
    forgetOnExit(lockFile);
  }
}
