// Integration tier: the mocha suite in test/integration runs INSIDE a real extension host and uses the real VS Code
// API. Where a VS Code desktop can be had (VSCODE_EXECUTABLE_PATH, or STATECRAFT_TEST_ELECTRON=1 with network),
// @vscode/test-electron runs it; otherwise (our CI) it runs in code-server's extension host, loaded in development
// mode through the workbench URL payload. Either way the suite prints one result line that this script reads.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { ensureCodeServer, makeProfile, repoRoot, startCodeServer } from './lib/codeServer.mjs';
import { freshSampleWorkspace } from './lib/sampleWorkspace.mjs';
import { launchBrowser, runDevelopmentSuite } from './lib/workbench.mjs';

const RESULT_PREFIX = 'STATECRAFT_INTEGRATION_RESULT ';
const testsPath = path.join(repoRoot, 'out/test/integration/index.js');

function reportAndExit(result, code) {
  console.log(`integration: ${result.passed} passed, ${result.failed} failed`);
  fs.mkdirSync(path.join(repoRoot, 'test-results'), { recursive: true });
  fs.writeFileSync(path.join(repoRoot, 'test-results/integration.json'), JSON.stringify(result));
  process.exit(code);
}

function parseResult(lines) {
  const line = lines.find((l) => l.startsWith(RESULT_PREFIX));
  return line ? JSON.parse(line.slice(RESULT_PREFIX.length)) : undefined;
}

if (!process.env.STATECRAFT_SKIP_BUILD) execFileSync(process.execPath, [path.join(repoRoot, "scripts/build.mjs"), "--tests"], { stdio: "inherit" });
const workspace = freshSampleWorkspace('integration');

if (process.env.VSCODE_EXECUTABLE_PATH || process.env.STATECRAFT_TEST_ELECTRON === '1') {
  const { runTests } = await import('@vscode/test-electron');
  const resultFile = path.join(workspace, '..', `statecraft-integration-${process.pid}.json`);
  const readResult = () => (fs.existsSync(resultFile) ? JSON.parse(fs.readFileSync(resultFile, 'utf8')) : { passed: 0, failed: 1 });
  try {
    await runTests({
      vscodeExecutablePath: process.env.VSCODE_EXECUTABLE_PATH,
      extensionDevelopmentPath: repoRoot,
      extensionTestsPath: testsPath,
      extensionTestsEnv: { STATECRAFT_RESULT_FILE: resultFile },
      launchArgs: [workspace, '--disable-extensions'],
    });
  } catch (error) {
    console.error(`test-electron run failed: ${error}`);
    reportAndExit(readResult(), 1);
  }
  reportAndExit(readResult(), 0);
}

ensureCodeServer();
const profile = makeProfile('integration');
const logFile = path.join(profile.dir, 'code-server.log');
const server = await startCodeServer(profile, workspace, { logFile });
const browser = await launchBrowser();
const lines = [];
let code;
try {
  code = await runDevelopmentSuite(browser, server.url, workspace, {
    extensionRoot: repoRoot,
    testsPath,
    onConsole: (text) => {
      lines.push(text);
      // The suite's lines arrive as browser console messages behind a log-level prefix; echo only ours.
      const at = text.indexOf('STATECRAFT_TEST ');
      if (at >= 0) process.stdout.write(`  ${text.slice(at + 'STATECRAFT_TEST '.length)}\n`);
    },
  });
} finally {
  await browser.close();
  server.stop();
}
const result = parseResult(lines.map((l) => l.replace(/^.*?(STATECRAFT_INTEGRATION_RESULT )/, '$1')));
if (code === 'timeout') {
  console.error(`integration: the suite did not finish in time; code-server log: ${logFile}`);
  reportAndExit(result ?? { passed: 0, failed: 1 }, 1);
}
if (!result) {
  console.error(`integration: the suite reported no result (exit code ${code}); code-server log: ${logFile}`);
  reportAndExit({ passed: 0, failed: 1 }, 1);
}
reportAndExit(result, code === 0 && result.failed === 0 && result.passed > 0 ? 0 : 1);
