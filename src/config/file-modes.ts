/**
 * Whether Unix file modes protect anything on this platform. Node on Windows reports every file
 * as 0666 and chmod changes nothing there (the user profile's access list is what protects a
 * file), so mode checks and repairs would warn on every command and fix nothing.
 */
export function modesMeanSomething(platform: NodeJS.Platform): boolean {
  return platform !== "win32";
}
