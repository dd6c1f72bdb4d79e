// `npm test`: type-check and lint, then every tier (unit, integration in a real extension host, E2E in a real
// workbench), and one closing line totalling them, `N passed, N failed`, which is what CI reads.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { repoRoot } from './lib/codeServer.mjs';

const steps = [
  // The same commands as `npm run typecheck` and `npm run lint` (one definition, in package.json).
  { name: 'typecheck', command: ['npm', 'run', '--silent', 'typecheck'] },
  { name: 'lint', command: ['npm', 'run', '--silent', 'lint'] },
  { name: 'unit', command: [process.execPath, 'scripts/runUnitTests.mjs'], counts: 'unit' },
  { name: 'integration', command: [process.execPath, 'scripts/runIntegrationTests.mjs'], counts: 'integration' },
  { name: 'e2e', command: [process.execPath, 'scripts/runE2eTests.mjs'], counts: 'e2e' },
];

let passed = 0;
let failed = 0;
const summary = [];
for (const step of steps) {
  console.log(`\n=== ${step.name} ===`);
  const started = Date.now();
  const countsFile = step.counts ? path.join(repoRoot, 'test-results', `${step.counts}.json`) : undefined;
  if (countsFile) fs.rmSync(countsFile, { force: true });
  const child = spawnSync(step.command[0], step.command.slice(1), { cwd: repoRoot, stdio: 'inherit' });
  const seconds = ((Date.now() - started) / 1000).toFixed(0);
  if (countsFile) {
    const counts = fs.existsSync(countsFile) ? JSON.parse(fs.readFileSync(countsFile, 'utf8')) : { passed: 0, failed: 0 };
    // A tier that crashed without reporting, or exited non-zero while reporting no failure, still counts as failed.
    if (child.status !== 0 && counts.failed === 0) counts.failed = 1;
    passed += counts.passed;
    failed += counts.failed;
    summary.push(`${step.name}: ${counts.passed} passed, ${counts.failed} failed (${seconds} s)`);
  } else {
    if (child.status !== 0) failed += 1;
    summary.push(`${step.name}: ${child.status === 0 ? 'ok' : 'FAILED'} (${seconds} s)`);
  }
}
console.log('\n=== summary ===');
for (const line of summary) console.log(line);
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed === 0 ? 0 : 1);
