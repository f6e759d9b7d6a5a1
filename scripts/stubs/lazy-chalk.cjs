// Build-time stand-in for chalk as the program's src/output/color.ts sees it (STAND_INS in
// scripts/build/trim-dependencies.mjs): chalk's module runs when a Chalk is first asked for.
let chalk;
module.exports = {
  get Chalk() {
    return (chalk ??= require("chalk")).Chalk;
  },
};
