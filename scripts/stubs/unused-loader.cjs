// Build-time stand-in for cosmiconfig's YAML and TypeScript loaders: the CLI only ever looks for
// .infisical.json and loads it itself.
module.exports = new Proxy(
  {},
  {
    get() {
      throw new Error("this configuration format is not supported by infisical-ts");
    },
  },
);
