// Build-time stand-in for `follow-redirects`: the CLI never follows redirects (maxRedirects: 0,
// so a credential is never carried to another host), and then axios uses Node's own modules.
module.exports = { http: require("node:http"), https: require("node:https") };
