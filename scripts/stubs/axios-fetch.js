// Build-time stand-in for axios's fetch adapter. The CLI uses the http adapter; the fetch
// adapter probes `fetch` and `Request` when it is loaded, which makes Node load its whole fetch
// implementation (undici) at start-up for nothing.
export const getFetch = () => undefined;
export default undefined;
