// Build-time stand-in for `debug` (pulled in by follow-redirects): no debug namespaces and no
// terminal colour detection at start-up. The CLI has its own --debug.
const noop = () => {};
module.exports = Object.assign(() => Object.assign(noop, { enabled: false, extend: () => noop }), {
  enable: noop,
  disable: noop,
  enabled: () => false,
});
