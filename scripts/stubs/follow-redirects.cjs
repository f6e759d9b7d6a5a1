// Build-time stand-in for `follow-redirects`: the CLI never follows redirects (maxRedirects: 0,
// so a credential is never carried to another host), and then axios uses Node's own modules.
// https (and with it tls) is loaded only when a request actually uses it.
let https;
const loadHttps = () => (https ??= require("node:https"));
module.exports = {
  http: require("node:http"),
  https: new Proxy(
    {},
    {
      get: (_, key) => (key === "__esModule" ? undefined : loadHttps()[key]),
      has: (_, key) => key !== "__esModule" && key in loadHttps(),
    },
  ),
};
