// Runs a folder of node:test files written in TypeScript (through tsx) and returns their counts.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { repoRoot } from './codeServer.mjs';

export function findFiles(dir, suffix) {
  const found = [];
  const stack = [dir];
  while (stack.length) {
    const current = stack.pop();
    for (const entry of fs.readdirSync(current, { withFileTypes: true })) {
      const full = path.join(current, entry.name);
      if (entry.isDirectory()) stack.push(full);
      else if (entry.name.endsWith(suffix)) found.push(full);
    }
  }
  return found.sort();
}

export function runNodeTestTier(name, files, { concurrency, env } = {}) {
  const resultsDir = path.join(repoRoot, 'test-results');
  fs.mkdirSync(resultsDir, { recursive: true });
  const countsFile = path.join(resultsDir, `${name}.json`);
  fs.rmSync(countsFile, { force: true });
  const args = [
    '--import', 'tsx',
    '--test',
    ...(concurrency ? [`--test-concurrency=${concurrency}`] : []),
    '--test-reporter=spec', '--test-reporter-destination=stdout',
    `--test-reporter=${path.join(repoRoot, 'scripts/lib/countingReporter.mjs')}`, `--test-reporter-destination=${countsFile}`,
    ...files.map((file) => path.relative(repoRoot, file)),
  ];
  const child = spawnSync(process.execPath, args, { cwd: repoRoot, stdio: 'inherit', env: { ...process.env, ...env } });
  const counts = fs.existsSync(countsFile) ? JSON.parse(fs.readFileSync(countsFile, 'utf8')) : { passed: 0, failed: 1 };
  // A crash before any test reported still has to turn the tier red.
  if (child.status !== 0 && counts.failed === 0) counts.failed = 1;
  console.log(`${name}: ${counts.passed} passed, ${counts.failed} failed`);
  return { ...counts, ok: child.status === 0 && counts.failed === 0 };
}
