// E2E tier, as a person sees it: package the VSIX, install it into code-server like a Marketplace user would, and
// drive the workbench in headless Chromium (test/e2e/*.e2e.mts). Screenshots go to test-results/screenshots/.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { ensureCodeServer, repoRoot } from './lib/codeServer.mjs';
import { findFiles, runNodeTestTier } from './lib/nodeTestTier.mjs';

ensureCodeServer();
const pkg = JSON.parse(fs.readFileSync(path.join(repoRoot, 'package.json'), 'utf8'));
const vsix = path.join(repoRoot, `${pkg.name}-${pkg.version}.vsix`);
execFileSync('npm', ['run', '--silent', 'package'], { cwd: repoRoot, stdio: 'inherit' });
if (!fs.existsSync(vsix)) throw new Error(`npm run package did not produce ${vsix}`);
fs.rmSync(path.join(repoRoot, 'test-results/screenshots'), { recursive: true, force: true });
const only = process.argv.slice(2);
const files = findFiles(path.join(repoRoot, 'test/e2e'), '.e2e.mts').filter((f) => only.length === 0 || only.some((o) => f.includes(o)));
const result = runNodeTestTier('e2e', files, { concurrency: 1, env: { STATECRAFT_VSIX: vsix } });
process.exit(result.ok ? 0 : 1);
