import { chmodSync, lstatSync, readdirSync, readFileSync, statSync } from "node:fs";
import { basename, dirname } from "node:path";
import { z } from "zod";
import { forgetOnExit, removeOnExit } from "../config/exit-cleanup.js";
import { modesMeanSomething } from "../config/file-modes.js";
import { retryBusy } from "../config/retry-busy.js";
import { writeFileAtomic } from "../config/write-file-atomic.js";
import { AuthError, CliError } from "../errors.js";
import { KeyringUnavailable, openKeyring, type SecretVault } from "./keyring.js";
import type { StorageChoice } from "./session-storage.js";

/**
 * A login as sessions.json keeps it: the JWT in `token`, or (tokenStorage "keyring") in the OS
 * keyring under the domain, with everything else here. Files from before the keyring have the
 * token and no tokenStorage, and keep working.
 */
export const storedLoginSchema = z
  .object({
    domain: z.string().min(1),
    email: z.string(),
    organizationId: z.string(),
    organizationName: z.string().optional(),
    token: z.string().min(1).optional(),
    tokenStorage: z.literal("keyring").optional(),
    expiresAt: z.string().datetime({ offset: true }),
    createdAt: z.string().datetime({ offset: true }),
  })
  .refine((login) => (login.token === undefined) === (login.tokenStorage === "keyring"), {
    message: "a login has its token here, or tokenStorage keyring, not both or neither",
  });
export type StoredLogin = z.infer<typeof storedLoginSchema>;

/** A login with its JWT, wherever it was kept. */
export type Session = Omit<StoredLogin, "token"> & { token: string };

const sessionsFileSchema = z.object({
  version: z.literal(1),
  sessions: z.array(storedLoginSchema),
  /** The notice that a login is kept unencrypted (no keyring answered) was shown once. */
  plainTextNoticeShown: z.boolean().optional(),
});
type SessionsFile = z.infer<typeof sessionsFileSchema>;

/** Where put() kept the JWT, and why not in the keyring when auto fell back to the file. */
export interface StoredWhere {
  where: "keyring" | "file";
  keyringProblem?: string;
  /** The first login kept unencrypted because no keyring answered: say so, once. */
  firstPlainText?: boolean;
}

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

  private vault: Promise<SecretVault> | undefined;

  /**
   * @param warn told when the file or its directory had to be made private again
   * @param openVault where JWTs kept outside the file are (the OS keyring; tests may give another)
   */
  constructor(
    readonly file: string,
    private readonly warn: (message: string) => void = () => undefined,
    private readonly openVault: () => Promise<SecretVault> = openKeyring,
  ) {}

  private keyring(): Promise<SecretVault> {
    // A failed opening is not kept: the next call tries again.
    this.vault ??= this.openVault().catch((error: unknown) => {
      this.vault = undefined;
      throw error;
    });
    return this.vault;
  }

  /** The JWT of a stored login: in the file, or asked of the keyring. */
  private async withToken(login: StoredLogin): Promise<Session> {
    if (login.token !== undefined) return { ...login, token: login.token };
    let token: string | undefined;
    try {
      token = await (await this.keyring()).read(login.domain);
    } catch (error) {
      if (!(error instanceof KeyringUnavailable)) throw error;
      throw new CliError(
        `the login for ${login.domain} is kept in the OS keyring, which did not answer: ${error.message}`,
        {
          hint: `unlock the keyring (or start its service) and try again; or log in again with \`infisical login --storage file\` to keep the login in ${this.file} instead`,
          cause: error,
        },
      );
    }
    if (token === undefined) {
      throw new AuthError(`the login for ${login.domain} is no longer in the OS keyring`, {
        details: ["it was removed outside infisical (a keyring tool, or a reset keyring)"],
        hint: `log in again: \`infisical login --domain ${login.domain}\``,
      });
    }
    return { ...login, token };
  }

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

  /** The stored logins without their JWTs (nothing is asked of the keyring). */
  async storedLogins(): Promise<StoredLogin[]> {
    // One read per process: a command asks for the latest login and then for its domain's.
    this.loaded ??= this.load();
    return (await this.loaded).sessions;
  }

  /** Every stored login, with its JWT. */
  async readAll(): Promise<Session[]> {
    return Promise.all((await this.storedLogins()).map((login) => this.withToken(login)));
  }

  async get(domain: string): Promise<Session | undefined> {
    const login = (await this.storedLogins()).find((s) => s.domain === domain);
    return login && this.withToken(login);
  }

  /** Whether there is a login for the domain (its JWT is not read). */
  async has(domain: string): Promise<boolean> {
    return (await this.storedLogins()).some((s) => s.domain === domain);
  }

  /** The login made most recently, on any domain (without its JWT). */
  async latest(): Promise<StoredLogin | undefined> {
    const sessions = await this.storedLogins();
    return sessions.reduce<StoredLogin | undefined>(
      (best, s) => (best === undefined || s.createdAt > best.createdAt ? s : best),
      undefined,
    );
  }

  /**
   * Keeps a login: its JWT in the keyring (`keyring`; `auto` when one answers), else in the
   * file. With `keyring`, a keyring that does not answer is an error and nothing is stored.
   */
  async put(session: Session, storage: StorageChoice = "file"): Promise<StoredWhere> {
    let where: StoredWhere = { where: "file" };
    if (storage !== "file") {
      try {
        await (await this.keyring()).write(session.domain, session.token);
        where = { where: "keyring" };
      } catch (error) {
        if (!(error instanceof KeyringUnavailable)) throw error;
        if (storage === "keyring") {
          throw new CliError(`the OS keyring did not take the login: ${error.message}`, {
            details: ["nothing was stored"],
            hint: `unlock the keyring (or start its service) and log in again, or keep the login in ${this.file} (unencrypted, readable only by you) with --storage file`,
            cause: error,
          });
        }
        where = { where: "file", keyringProblem: error.message };
      }
    }
    const { token, tokenStorage: _previous, ...facts } = session;
    const record: StoredLogin =
      where.where === "keyring" ? { ...facts, tokenStorage: "keyring" } : { ...facts, token };
    let previous: StoredLogin | undefined;
    await this.update((file) => {
      previous = file.sessions.find((s) => s.domain === session.domain);
      const firstPlainText = where.keyringProblem !== undefined && !file.plainTextNoticeShown;
      if (firstPlainText) where = { ...where, firstPlainText };
      return {
        ...file,
        sessions: [...file.sessions.filter((s) => s.domain !== session.domain), record],
        ...(firstPlainText ? { plainTextNoticeShown: true } : {}),
      };
    });
    // A JWT the keyring held for the login this one replaces, now kept in the file: removed.
    if (where.where === "file" && previous?.tokenStorage === "keyring") {
      await this.keyring()
        .then((vault) => vault.remove(session.domain))
        .catch(() => undefined);
    }
    return where;
  }

  /**
   * Forgets a login: its keyring entry first, so that a keyring that does not answer leaves the
   * login as it was (and says so) rather than a JWT nobody knows about.
   */
  async remove(domain: string): Promise<boolean> {
    const login = (await this.storedLogins()).find((s) => s.domain === domain);
    if (login) await this.removeFromKeyring([login]);
    let removed = false;
    await this.update((file) => {
      const kept = file.sessions.filter((s) => s.domain !== domain);
      removed = kept.length !== file.sessions.length;
      return { ...file, sessions: kept };
    });
    return removed;
  }

  async clear(): Promise<void> {
    await this.removeFromKeyring(await this.storedLogins());
    await this.update((file) => ({ ...file, sessions: [] }));
  }

  private async removeFromKeyring(logins: readonly StoredLogin[]): Promise<void> {
    const inKeyring = logins.filter((login) => login.tokenStorage === "keyring");
    if (inKeyring.length === 0) return;
    try {
      const vault = await this.keyring();
      for (const login of inKeyring) await vault.remove(login.domain);
    } catch (error) {
      if (!(error instanceof KeyringUnavailable)) throw error;
      throw new CliError(
        `the OS keyring did not answer, so the login was not removed: ${error.message}`,
        {
          details: inKeyring.map((login) => `kept in the keyring: ${login.domain}`),
          hint: "unlock the keyring (or start its service) and log out again",
          cause: error,
        },
      );
    }
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
  private async update(change: (file: SessionsFile) => SessionsFile): Promise<void> {
    const { mkdir } = await import("node:fs/promises");
    await mkdir(dirname(this.file), { recursive: true, mode: 0o700 });
    await withLock(`${this.file}.lock`, async () => {
      // Under the lock the file is read afresh: another process may have written it meanwhile.
      const current = await this.load();
      await writeFileAtomic(this.file, `${JSON.stringify(change(current), null, 2)}\n`);
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
