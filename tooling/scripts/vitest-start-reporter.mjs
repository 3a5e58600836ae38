// A Vitest reporter for CI: prints a line as each test starts, so a test that hangs (and CI's watchdog stops) is named
// by the last such line rather than guessed from which files finished. On only when VEZA_TRACE_TESTS is set (CI's
// test-all does), next to the default reporter.
import { relative } from 'node:path';

export default class StartReporter {
  onTestCaseReady(testCase) {
    process.stdout.write(`  ▷ ${relative(process.cwd(), testCase.module.moduleId)} › ${testCase.fullName}\n`);
  }
}

/** The reporters a package's Vitest config uses: the default one, and this one when asked for. */
export function reporters() {
  return process.env.VEZA_TRACE_TESTS ? ['default', new StartReporter()] : ['default'];
}
