// The in-host entry point: exports run(), the contract @vscode/test-electron and code-server's
// extensionTestsPath both load. The suites are a separate bundle, required after mocha has installed its globals.
// Results are logged as single pre-formatted lines: code-server forwards extension-host console.log arguments to
// the browser unformatted, so mocha's own printf-style reporter output would arrive garbled.
import * as fs from 'fs';
import * as path from 'path';
import Mocha from 'mocha';

const RESULT_PREFIX = 'STATECRAFT_INTEGRATION_RESULT ';
const LINE_PREFIX = 'STATECRAFT_TEST ';

export function run(): Promise<void> {
  const mocha = new Mocha({ ui: 'tdd', color: false, timeout: 30_000, reporter: 'base' });
  mocha.suite.emit('pre-require', globalThis, path.join(__dirname, 'suites.js'), mocha);
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  require('./suites.js');
  return new Promise((resolve, reject) => {
    let passed = 0;
    let failed = 0;
    const runner = mocha.run(() => {
      console.log(`${RESULT_PREFIX}${JSON.stringify({ passed, failed })}`);
      // test-electron runs write the result where its runner can read it (the console goes to the child's stdout).
      if (process.env.STATECRAFT_RESULT_FILE) fs.writeFileSync(process.env.STATECRAFT_RESULT_FILE, JSON.stringify({ passed, failed }));
      if (failed > 0) reject(new Error(`${failed} integration test(s) failed`));
      else resolve();
    });
    runner.on('pass', (test) => {
      passed++;
      console.log(`${LINE_PREFIX}✔ ${test.fullTitle()} (${test.duration ?? 0} ms)`);
    });
    runner.on('fail', (test, error: Error) => {
      failed++;
      console.log(`${LINE_PREFIX}✘ ${test.fullTitle()}\n${error.stack ?? error.message}`);
    });
  });
}
