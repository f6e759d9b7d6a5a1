import js from "@eslint/js";
import tseslint from "typescript-eslint";

export default tseslint.config(
  { ignores: ["dist/", "node_modules/", "coverage/"] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: {
      globals: { process: "readonly", console: "readonly", URL: "readonly", fetch: "readonly" },
    },
    rules: {
      "@typescript-eslint/no-unused-vars": [
        "error",
        { argsIgnorePattern: "^_", varsIgnorePattern: "^_" },
      ],
      "no-console": "error",
    },
  },
  { files: ["scripts/**", "bin/**"], rules: { "no-console": "off" } },
  {
    // The CLI's build makes zod schemas without binding their methods (DEPENDENCY_EDITS in
    // scripts/build/trim-dependencies.mjs): a parse taken off its schema would lose `this`.
    files: ["src/**/*.ts"],
    rules: {
      "no-restricted-syntax": [
        "error",
        {
          selector:
            "MemberExpression[property.name=/^(parse|safeParse|parseAsync|safeParseAsync|spa)$/]:not([object.name='JSON']):not(CallExpression > MemberExpression.callee)",
          message:
            "call parse/safeParse on the schema (schema.parse(x)): the build's zod does not bind them",
        },
      ],
    },
  },
  {
    files: ["**/*.cjs"],
    languageOptions: {
      sourceType: "commonjs",
      globals: { module: "writable", require: "readonly" },
    },
    rules: { "@typescript-eslint/no-require-imports": "off" },
  },
);
