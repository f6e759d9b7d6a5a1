// Build-time stand-in for node:zlib as axios's HTTP adapter sees it (see axiosLazyZlib in
// scripts/build/trim-dependencies.mjs): what the adapter reads when it is loaded is answered
// without loading zlib; zlib itself is loaded when a response needs decompressing.
let zlib;
const load = () => (zlib ??= require("node:zlib"));
// zlib has zstd exactly where Node reports a zstd version (22.15 and later); a test checks this.
const zstd = typeof process.versions.zstd === "string";
const lazily =
  (name) =>
  (...args) =>
    load()[name](...args);

/** The flush modes axios reads; fixed by zlib, brotli and zstd, checked against the real ones. */
const constants = {
  Z_SYNC_FLUSH: 2,
  BROTLI_OPERATION_FLUSH: 1,
  ZSTD_e_flush: zstd ? 1 : undefined,
};

const known = {
  constants: new Proxy(constants, {
    get: (fixed, key) => (key in fixed ? fixed[key] : load().constants[key]),
  }),
  createUnzip: lazily("createUnzip"),
  createBrotliDecompress: lazily("createBrotliDecompress"),
  createZstdDecompress: zstd ? lazily("createZstdDecompress") : undefined,
};

// Anything else axios may read is the real module's.
module.exports = new Proxy(known, {
  get: (fixed, key) => (key in fixed ? fixed[key] : load()[key]),
});
