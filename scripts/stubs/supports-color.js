// chalk's colour detection, left out: the CLI decides the level itself (src/output/color.ts:
// a TTY, NO_COLOR, FORCE_COLOR) and always passes it, so detection at import only cost a start
// node:tty and node:os (about 2 ms). chalk reads `stdout` and `stderr` from this.
export default { stdout: false, stderr: false };
