// Build-time stand-in for `https-proxy-agent` as axios imports it: axios loads it up front but
// uses it only for an https:// request through a proxy. The real package (and the net, url and
// assert modules it loads) is loaded then, by the first `new` or property read.
let agent;
const load = () => (agent ??= require("https-proxy-agent"));
module.exports = new Proxy(function HttpsProxyAgent() {}, {
  construct: (_, args) => new (load())(...args),
  // Interop helpers ask for __esModule on import: answering that must not load the package.
  get: (_, key) => (key === "__esModule" ? undefined : load()[key]),
});
