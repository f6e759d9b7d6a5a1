declare const __INFISICAL_TS_VERSION__: string | undefined;

/** Set by the build from package.json; tests running the sources see the fallback. */
export const VERSION =
  typeof __INFISICAL_TS_VERSION__ === "string" ? __INFISICAL_TS_VERSION__ : "0.0.0-dev";
