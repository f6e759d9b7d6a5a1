import type { OutputStream } from "../runtime.js";

/** A request shorter than this shows nothing; a longer one shows a spinner. */
const SHOW_AFTER_MS = 500;

/**
 * A spinner on stderr while a request takes a while, for a person at a terminal: it appears
 * after half a second, disappears when the request ends (before anything else is written or
 * asked), and restores the cursor however the process ends. The spinner library is loaded only
 * when one is shown.
 */
export function waitingIndicator(stream: OutputStream): (siteUrl: string) => () => void {
  return (siteUrl) => {
    let stop: (() => void) | undefined;
    let ended = false;
    const timer = setTimeout(() => {
      void import("yocto-spinner").then(({ default: yoctoSpinner }) => {
        if (ended) return;
        const spinner = yoctoSpinner({
          text: `waiting for ${siteUrl}`,
          stream: stream as NodeJS.WriteStream,
          // bin.ts handles signals; the exit hook below clears the line and shows the cursor.
          handleSignals: false,
        }).start();
        const clear = () => spinner.stop();
        process.once("exit", clear);
        stop = () => {
          process.off("exit", clear);
          spinner.stop();
        };
      });
    }, SHOW_AFTER_MS);
    return () => {
      ended = true;
      clearTimeout(timer);
      stop?.();
    };
  };
}
