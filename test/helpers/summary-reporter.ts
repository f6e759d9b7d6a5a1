import type { Reporter, TestModule } from "vitest/node";

/**
 * Ends the run with one plain line that any CI log reader understands:
 * `tests: N passed, N failed, N skipped`, and the test files that failed before running any
 * test (an import that threw, such as the spawned suite refusing a stale dist/).
 */
export default class SummaryReporter implements Reporter {
  onTestRunEnd(testModules: ReadonlyArray<TestModule>): void {
    let passed = 0;
    let failed = 0;
    let skipped = 0;
    const brokenFiles: string[] = [];
    for (const module of testModules) {
      let tests = 0;
      for (const test of module.children.allTests()) {
        tests += 1;
        const state = test.result().state;
        if (state === "passed") passed += 1;
        else if (state === "failed") failed += 1;
        else skipped += 1;
      }
      if (tests === 0 && module.state() === "failed") brokenFiles.push(module.moduleId);
    }
    const broken = brokenFiles.length > 0 ? `; ${brokenFiles.length} files failed to load` : "";
    process.stdout.write(
      `\ntests: ${passed} passed, ${failed} failed, ${skipped} skipped${broken}\n`,
    );
  }
}
