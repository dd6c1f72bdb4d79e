// Makes `npm test`, `npm start` and `npm run bench` enough on a fresh clone: installs npm dependencies when they
// are missing or older than the lockfile, and Chromium (Debian's package) when it is missing and we may install it.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { CHROMIUM_PATH, repoRoot } from './lib/codeServer.mjs';

const marker = path.join(repoRoot, 'node_modules/.package-lock.json');
const lock = path.join(repoRoot, 'package-lock.json');
if (!fs.existsSync(marker) || fs.statSync(marker).mtimeMs < fs.statSync(lock).mtimeMs) {
  console.log('Installing npm dependencies (npm ci)…');
  execFileSync('npm', ['ci', '--no-audit', '--no-fund'], { cwd: repoRoot, stdio: 'inherit' });
}

if (!fs.existsSync(CHROMIUM_PATH)) {
  const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
  if (isRoot && fs.existsSync('/usr/bin/apt-get')) {
    console.log('Installing Chromium and the libraries code-server needs (Debian packages)…');
    execFileSync('apt-get', ['update', '-qq'], { stdio: 'inherit' });
    execFileSync('apt-get', ['install', '-y', '-qq', 'chromium', 'libkrb5-dev', 'libx11-dev', 'libxkbfile-dev', 'libsecret-1-dev', 'pkg-config'], {
      stdio: 'inherit',
      env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' },
    });
  } else {
    console.error(`Chromium was not found at ${CHROMIUM_PATH}. Install Debian's "chromium" package (or set STATECRAFT_CHROMIUM to a Chromium binary); the integration and E2E tiers need it.`);
    process.exit(2);
  }
}
