export function registryPackage(platform: string, arch: string): string | undefined;
export function binaryInPackage(platform: string): string;
export function npmCommand(platform: string): { file: string; shell: boolean };
export function executableName(platform: string, arch: string): string;
export function singleExecutablePlan(options: {
  platform: string;
  arch: string;
  blob: string;
  postject: string;
  nodeForScripts: string;
}): { executable: string; steps: { file: string; args: string[] }[] };
