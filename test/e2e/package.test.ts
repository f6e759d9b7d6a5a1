/**
 * The package as its users get it: `npm pack`, installed by npm into a fresh project (offline,
 * from npm's cache, with a lockfile made from ours: tests never reach the registry), imported by
 * its name, and type-checked against the declarations it ships.
 */
import { execFileSync, spawnSync } from "node:child_process";
import { createHash } from "node:crypto";
import { readFileSync, readdirSync, realpathSync, writeFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { ROOT, tempDir } from "../helpers/cli.js";

let consumer: string;
const npm = (args: string[], cwd: string) =>
  execFileSync("npm", args, {
    cwd,
    encoding: "utf8",
    env: { ...process.env, npm_config_loglevel: "error" },
  });

beforeAll(() => {
  const work = tempDir("infisical-ts-package-");
  const tarballName = npm(["pack", "--pack-destination", work, "--silent"], ROOT)
    .trim()
    .split("\n")
    .at(-1) as string;
  const tarball = join(work, tarballName);
  consumer = join(work, "consumer");
  execFileSync("mkdir", [consumer]);
  const ours = JSON.parse(readFileSync(join(ROOT, "package-lock.json"), "utf8"));
  const pkg = JSON.parse(readFileSync(join(ROOT, "package.json"), "utf8"));
  const spec = `file:../${tarballName}`;
  const packages: Record<string, unknown> = {
    "": { name: "consumer", dependencies: { "infisical-ts": spec } },
    "node_modules/infisical-ts": {
      version: pkg.version,
      resolved: spec,
      integrity: `sha512-${createHash("sha512").update(readFileSync(tarball)).digest("base64")}`,
      dependencies: pkg.dependencies,
      bin: pkg.bin,
      engines: pkg.engines,
    },
  };
  // Our production dependencies, exactly as locked: npm takes them from its cache by integrity,
  // given where each came from (a lockfile written with omit-lockfile-registry-resolved says not).
  const registry = npm(["config", "get", "registry"], ROOT).trim().replace(/\/?$/, "/");
  type Locked = { dev?: boolean; version?: string; resolved?: string };
  for (const [path, entry] of Object.entries(ours.packages as Record<string, Locked>)) {
    if (path === "" || entry.dev) continue;
    const name = path.slice(path.lastIndexOf("node_modules/") + "node_modules/".length);
    const resolved =
      entry.resolved ?? `${registry}${name}/-/${name.split("/").at(-1)}-${entry.version}.tgz`;
    packages[path] = { ...entry, resolved };
  }
  writeFileSync(
    join(consumer, "package.json"),
    JSON.stringify({
      name: "consumer",
      private: true,
      type: "module",
      dependencies: { "infisical-ts": spec },
    }),
  );
  writeFileSync(
    join(consumer, "package-lock.json"),
    JSON.stringify({ name: "consumer", lockfileVersion: 3, requires: true, packages }),
  );
  npm(["ci", "--offline", "--no-audit", "--no-fund"], consumer);
}, 120_000);

const runNode = (file: string, source: string) => {
  writeFileSync(join(consumer, file), source);
  return spawnSync(process.execPath, [file], { cwd: consumer, encoding: "utf8", timeout: 30_000 });
};

describe("the npm package, installed", () => {
  it("installs the command: node_modules/.bin/infisical is the entry itself", () => {
    const bin = join(consumer, "node_modules", ".bin", "infisical");
    const pkg = JSON.parse(readFileSync(join(ROOT, "package.json"), "utf8")) as { version: string };
    const version = spawnSync(bin, ["--version"], { cwd: consumer, encoding: "utf8" });
    expect(version.status, version.stderr).toBe(0);
    expect(version.stdout).toBe(`${pkg.version}\n`);
    expect(realpathSync(bin)).toBe(
      join(realpathSync(consumer), "node_modules/infisical-ts/dist/cli.cjs"),
    );
    const help = spawnSync(bin, ["service-token", "create", "--help"], {
      cwd: consumer,
      encoding: "utf8",
    });
    expect(help.stdout).toContain("Usage: infisical service-token create");
  });

  it("creates, lists, rotates and deletes a token through the library against startDevServer()", () => {
    const result = runNode(
      "lifecycle.mjs",
      `
import { createServiceToken, deleteServiceToken, listServiceTokens, login, migrateServiceToken, rotateServiceToken, viewServiceToken, InfisicalError } from "infisical-ts";
import { startDevServer } from "infisical-ts/dev-server";
const server = await startDevServer({ seed: { projects: [{ name: "Second", environments: ["qa"] }] } });
const out = {};
try {
  const session = await login({ domain: server.url, email: server.email, password: server.password });
  const project = { domain: server.url, accessToken: session.accessToken, projectId: server.projectId };
  const created = await createServiceToken({ ...project, scopes: ["dev:/", { environment: "prod", secretPath: "/api/**" }], permissions: ["read"], expiresIn: "7d", name: "library" });
  out.created = { ...created, token: created.token.split(".").length };
  out.listed = (await listServiceTokens(project)).map((t) => t.name);
  out.view = (await viewServiceToken({ domain: server.url, token: created.token })).scopes;
  const rotated = await rotateServiceToken({ ...project, id: created.id.slice(0, 8) });
  out.rotated = { name: rotated.name, replaces: rotated.replaces, sameId: rotated.id === created.id };
  out.deleted = await deleteServiceToken({ ...project, id: rotated.id });
  out.after = (await listServiceTokens(project)).length;
  const old = await createServiceToken({ ...project, scopes: ["dev:/"], permissions: "read", name: "to migrate" });
  const migrated = await migrateServiceToken({ ...project, id: old.id, deleteToken: true });
  const uaLogin = await fetch(server.apiUrl + "/v1/auth/universal-auth/login", {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ clientId: migrated.clientId, clientSecret: migrated.clientSecret }),
  });
  out.migrated = { name: migrated.identity.name, token: migrated.serviceToken, login: uaLogin.status, left: (await listServiceTokens(project)).length };
  try {
    await createServiceToken({ ...project, scopes: ["qa:/"], permissions: "read" });
  } catch (error) {
    out.error = { isTyped: error instanceof InfisicalError, kind: error.kind, status: error.status, hint: error.hint, requestId: typeof error.requestId };
  }
} finally {
  await server.close();
}
console.log(JSON.stringify(out));
`,
    );
    expect(result.status, result.stderr).toBe(0);
    const out = JSON.parse(result.stdout);
    expect(out.created).toMatchObject({
      token: 4,
      name: "library",
      scopes: [
        { environment: "dev", secretPath: "/" },
        { environment: "prod", secretPath: "/api/**" },
      ],
      permissions: ["read"],
    });
    expect(out.listed).toEqual(["library"]);
    expect(out.view).toHaveLength(2);
    expect(out.rotated).toMatchObject({
      name: "library",
      sameId: false,
      replaces: { deleted: true },
    });
    expect(out.deleted.name).toBe("library");
    expect(out.after).toBe(0);
    expect(out.migrated).toEqual({
      name: "to migrate",
      token: { id: expect.any(String), deleted: true },
      login: 200,
      left: 0,
    });
    expect(out.error).toEqual({
      isTyped: true,
      kind: "unknown-environment",
      status: 404,
      hint: "use one of: dev, staging, prod",
      requestId: "string",
    });
  });

  it("the library's modules import no commander, prompts, colours or dev server", () => {
    const lib = join(consumer, "node_modules/infisical-ts/dist/lib");
    const reachable = new Set<string>();
    const visit = (file: string) => {
      if (reachable.has(file)) return;
      reachable.add(file);
      for (const [, specifier] of readFileSync(file, "utf8").matchAll(/from\s*"([^"]+)"/g))
        if (specifier?.startsWith(".")) visit(resolve(dirname(file), specifier));
    };
    visit(join(lib, "index.js"));
    const loaded = (pattern: RegExp) => {
      const names = new Set<string>();
      for (const file of reachable)
        for (const [, specifier] of readFileSync(file, "utf8").matchAll(pattern))
          if (!specifier?.startsWith(".") && !specifier?.startsWith("node:"))
            names.add(specifier as string);
      return [...names].sort();
    };
    // Loaded with the library: only these. The OS keyring's native module only when a stored
    // login is read or written (a dynamic import).
    expect(loaded(/from\s*"([^"]+)"/g)).toEqual(["axios", "zod"]);
    expect(loaded(/import\(\s*"([^"]+)"\s*\)/g)).toEqual(["@napi-rs/keyring"]);
    for (const file of reachable)
      expect(readFileSync(file, "utf8")).not.toMatch(/createServer\(|commander|@inquirer/);
    expect(readdirSync(lib)).toContain("dev-server.js");
  });

  it("type-checks a consumer against the shipped declarations, and rejects wrong option types", () => {
    const tsc = join(ROOT, "node_modules/typescript/bin/tsc");
    writeFileSync(
      join(consumer, "tsconfig.json"),
      JSON.stringify({
        compilerOptions: {
          module: "NodeNext",
          moduleResolution: "NodeNext",
          target: "ES2022",
          strict: true,
          noEmit: true,
          skipLibCheck: false,
          types: ["node"],
          typeRoots: [join(ROOT, "node_modules/@types")],
        },
      }),
    );
    const check = (file: string, source: string) => {
      writeFileSync(join(consumer, file), source);
      return spawnSync(
        process.execPath,
        [tsc, "-p", "tsconfig.json", "--noEmit", "false", "--noEmit"],
        {
          cwd: consumer,
          encoding: "utf8",
        },
      );
    };
    const good = check(
      "good.ts",
      `import { createServiceToken, InfisicalError, type CreatedServiceToken } from "infisical-ts";
import { startDevServer, type DevServerFixture } from "infisical-ts/dev-server";
const server: DevServerFixture = await startDevServer({ seed: { serviceTokens: 2 } });
const created: CreatedServiceToken = await createServiceToken({
  domain: server.url, accessToken: server.accessToken(), projectId: server.projectId,
  scopes: ["dev:/", { environment: "prod", secretPath: "/**" }], permissions: ["read", "write"], expiresIn: 3600,
});
const expires: string | null = created.expiresAt;
const kind: string | undefined = new InfisicalError("failure", "x").hint;
void expires; void kind;
await server.close();
`,
    );
    expect(good.status, good.stdout).toBe(0);
    const bad = check(
      "good.ts",
      `import { createServiceToken } from "infisical-ts";
await createServiceToken({ projectId: "p", scopes: [{ environment: "dev" }], permissions: ["admin"], expiresIn: true });
`,
    );
    expect(bad.status).not.toBe(0);
    // Each wrong option is its own error: the scope, the permission, the expiry.
    const errors = bad.stdout
      .split("\n")
      .filter((line) => /^good\.ts\(2,\d+\): error TS2322/.test(line));
    expect(errors).toHaveLength(3);
    expect(bad.stdout).toContain("Property 'secretPath' is missing");
    expect(bad.stdout).toContain(`Type '"admin"' is not assignable to type '"write" | "read"'`);
    expect(bad.stdout).toContain("Type 'true' is not assignable to type 'Expiry | undefined'");
  });
});
