/**
 * The command that opens a URL in the user's browser, decided from the platform and the
 * environment alone (table-tested for every platform on Linux).
 */
export interface BrowserCommand {
  file: string;
  args: string[];
}

/**
 * Splits BROWSER as a shell would (`open -a "Google Chrome"`): whitespace separates words,
 * single quotes keep everything, double quotes keep everything but `\"` and `\\`, a backslash
 * outside quotes keeps the next character.
 */
export function splitLikeShell(text: string): string[] {
  const words: string[] = [];
  let word = "";
  let inWord = false;
  let quote: "'" | '"' | undefined;
  for (let i = 0; i < text.length; i += 1) {
    const char = text[i] as string;
    const next = text[i + 1];
    if (quote === "'") {
      if (char === "'") quote = undefined;
      else word += char;
    } else if (quote === '"') {
      if (char === '"') quote = undefined;
      else if (char === "\\" && (next === '"' || next === "\\")) {
        word += next;
        i += 1;
      } else word += char;
    } else if (char === "'" || char === '"') {
      quote = char;
      inWord = true;
    } else if (char === "\\" && next !== undefined) {
      word += next;
      inWord = true;
      i += 1;
    } else if (/\s/.test(char)) {
      if (inWord) words.push(word);
      word = "";
      inWord = false;
    } else {
      word += char;
      inWord = true;
    }
  }
  if (inWord) words.push(word);
  return words;
}

/**
 * BROWSER wins (`none` or empty: open nothing; `%s` marks where the URL goes, else it is added
 * last). Otherwise the system's own opener by absolute path: on Windows never a bare `explorer`,
 * which Windows would look for in the current directory first (a repository could plant one),
 * but rundll32's URL handler from System32, which also opens no console window.
 */
export function browserCommand(
  url: string,
  platform: NodeJS.Platform,
  env: NodeJS.ProcessEnv,
): BrowserCommand | undefined {
  if (env.BROWSER !== undefined) {
    const [file, ...args] = splitLikeShell(env.BROWSER);
    if (file === undefined || file === "none") return undefined;
    const placed = args.some((arg) => arg.includes("%s"));
    return {
      file,
      args: placed ? args.map((arg) => arg.replaceAll("%s", url)) : [...args, url],
    };
  }
  if (platform === "darwin") return { file: "/usr/bin/open", args: [url] };
  if (platform === "win32") {
    const systemRoot = env.SystemRoot?.trim() || env.SYSTEMROOT?.trim() || "C:\\Windows";
    return {
      file: `${systemRoot}\\System32\\rundll32.exe`,
      args: ["url.dll,FileProtocolHandler", url],
    };
  }
  return { file: "xdg-open", args: [url] };
}
