import type { Reporter, TestModule } from "vitest/node";

/**
 * Prints the one closing line CI reads ("tests: N passed, N failed, N skipped"), counted over
 * every test case of every project in the run.
 */
export default class SummaryReporter implements Reporter {
  onTestRunEnd(testModules: ReadonlyArray<TestModule>): void {
    let passed = 0;
    let failed = 0;
    let skipped = 0;
    for (const testModule of testModules) {
      let failedHere = 0;
      for (const testCase of testModule.children.allTests()) {
        const state = testCase.result().state;
        if (state === "passed") passed += 1;
        else if (state === "failed") failedHere += 1;
        else skipped += 1;
      }
      // A file that failed to load, or whose beforeAll threw, fails even with no failed test in it:
      // otherwise a broken import or setup would read as "skipped".
      failed += testModule.state() === "failed" && failedHere === 0 ? 1 : failedHere;
    }
    process.stdout.write(`\ntests: ${passed} passed, ${failed} failed, ${skipped} skipped\n`);
  }
}
