/** Provided by scripts/build.mjs: commander's help output for each command path. */
declare module "virtual:help-texts" {
  const helpTexts: Readonly<Record<string, string>>;
  export default helpTexts;
}
