/** Provided by scripts/build.mjs: the help topics (command paths) the build captured texts for. */
declare module "virtual:help-topics" {
  const helpTopics: readonly string[];
  export default helpTopics;
}

/** Set by scripts/build.mjs: a hash of the chunks, their names, and whether this is the SEA. */
declare const __INFISICAL_BUILD__: {
  id: string;
  chunks: string[];
  singleExecutable: boolean;
};
