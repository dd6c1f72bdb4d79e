// The npm package as users get it: `npm pack` (its `prepack` script builds dist/) in a copy of this repository, the
// tarball installed offline into a temporary prefix and into a project (where `npx statecraft` finds it), then scans
// of a JavaScript and Python project: grammars included, no dev dependencies and no runtime dependencies needed
// (the CLI bundle carries them). Also what the tarball holds and what it leaves out, and the pre-commit hook file.
// The copy keeps the build away from this checkout's dist/, which other tests and tiers read.

import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { parse } from 'yaml';

const repoRoot = path.join(__dirname, '..', '..');
const manifest = JSON.parse(readFileSync(path.join(repoRoot, 'package.json'), 'utf8')) as { name: string; version: string; bin: Record<string, string> };
const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';

const EXPRESS_MEMORY = "const express = require('express');\nconst session = require('express-session');\nconst app = express();\napp.use(session({ secret: 's' }));\n";
const DJANGO_LOCMEM = 'SESSION_ENGINE = "django.contrib.sessions.backends.cache"\n';

let temp: string;
let tarball: string;
let packedFiles: string[];

function packCopy(): void {
  temp = mkdtempSync(path.join(os.tmpdir(), 'statecraft-pack-'));
  const copy = path.join(temp, 'repo');
  mkdirSync(copy);
  for (const entry of ['package.json', 'package-lock.json', '.npmignore', 'README.md', 'LICENSE', 'tsconfig.json', 'scripts', 'src', 'content', 'l10n']) {
    cpSync(path.join(repoRoot, entry), path.join(copy, entry), { recursive: true });
  }
  symlinkSync(path.join(repoRoot, 'node_modules'), path.join(copy, 'node_modules'), 'junction');
  const stdout = execFileSync(npm, ['pack', '--json', '--pack-destination', temp], { cwd: copy, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
  // The prepack build prints a line of its own before npm's JSON.
  const packed = JSON.parse(stdout.slice(stdout.search(/^\[$/m))) as Array<{ filename: string; files: Array<{ path: string }> }>;
  tarball = path.join(temp, packed[0].filename);
  packedFiles = packed[0].files.map((file) => file.path).sort();
}

function project(name: string): string {
  const root = path.join(temp, name);
  mkdirSync(path.join(root, 'src'), { recursive: true });
  writeFileSync(path.join(root, 'src', 'app.js'), EXPRESS_MEMORY);
  writeFileSync(path.join(root, 'settings.py'), DJANGO_LOCMEM);
  writeFileSync(path.join(root, 'src', 'ok.js'), 'module.exports = 1;\n');
  return root;
}

const EXPECTED_LINES = [/^settings\.py:1:1: warning \[session-store-in-memory\]/m, /^src\/app\.js:4:9: warning \[session-store-in-memory\]/m, /^2 findings in 2 files \(3 files analysed\)\.$/m];

describe('the packed npm package', () => {
  before(packCopy);
  after(() => rmSync(temp, { recursive: true, force: true }));

  test('holds the CLI bundle, catalog and grammars, and no sources, tests, corpora, source maps or dependencies', () => {
    for (const needed of ['package.json', 'README.md', 'LICENSE', 'dist/cli.js', 'dist/worker.js', 'dist/catalog.json', 'dist/grammars/tree-sitter.wasm', 'dist/grammars/tree-sitter-javascript.wasm', 'dist/grammars/tree-sitter-python.wasm']) {
      assert.ok(packedFiles.includes(needed), `${needed} missing from the tarball: ${packedFiles.join(', ')}`);
    }
    const allowed = /^(package\.json|README\.md|LICENSE|dist\/(cli\.js|worker\.js|catalog\.json|grammars\/[\w-]+\.wasm))$/;
    assert.deepEqual(packedFiles.filter((file) => !allowed.test(file)), []);
    const packedManifest = JSON.parse(execFileSync('tar', ['-xOzf', tarball, 'package/package.json'], { encoding: 'utf8' })) as { dependencies?: object; bin: Record<string, string> };
    assert.equal(packedManifest.dependencies, undefined, 'the CLI bundle carries its dependencies; the package must not ask npm for any');
    assert.equal(packedManifest.bin.statecraft, './dist/cli.js');
  });

  test('installed into a prefix offline, `statecraft scan` finds JavaScript and Python state with the bundled grammars', () => {
    const prefix = path.join(temp, 'prefix');
    execFileSync(npm, ['install', '--global', '--offline', '--no-audit', '--no-fund', '--prefix', prefix, tarball], { stdio: ['ignore', 'pipe', 'pipe'] });
    const installed = path.join(prefix, process.platform === 'win32' ? '' : 'bin', 'statecraft');
    const root = project('global-project');
    const version = spawnSync(installed, ['--version'], { cwd: root, encoding: 'utf8' });
    assert.equal(version.stdout, `${manifest.version}\n`);
    const run = spawnSync(installed, ['scan', '.'], { cwd: root, encoding: 'utf8' });
    assert.equal(run.status, 1, run.stderr);
    for (const line of EXPECTED_LINES) assert.match(run.stdout, line);
    assert.equal(run.stderr, '');
    // Worker threads start the bundled dist/worker.js beside dist/cli.js: a missing or broken one would fail every
    // file ("cannot analyse ...", exit 2). The report is the main thread's, byte for byte.
    const pooled = spawnSync(installed, ['scan', '.', '--jobs', '3'], { cwd: root, encoding: 'utf8' });
    const inThread = spawnSync(installed, ['scan', '.', '--jobs', '1'], { cwd: root, encoding: 'utf8' });
    assert.equal(pooled.status, 1, pooled.stderr);
    assert.equal(pooled.stderr, '');
    assert.equal(pooled.stdout, inThread.stdout);
    assert.equal(pooled.stdout, run.stdout);
    // As the pre-commit hook runs it: the entry followed by the staged file names.
    const hook = spawnSync(installed, ['scan', 'src/ok.js', 'src/app.js'], { cwd: root, encoding: 'utf8' });
    assert.equal(hook.status, 1);
    assert.match(hook.stdout, /^1 finding in 1 file \(2 files analysed\)\.$/m);
    // No node_modules of this repository were reachable: the installed package has none of its own either.
    assert.deepEqual(readdirSync(path.join(prefix, 'lib', 'node_modules', manifest.name)).sort(), ['LICENSE', 'README.md', 'dist', 'package.json']);
  });

  test('installed into a project, `npx statecraft scan` runs it', () => {
    const root = project('npx-project');
    writeFileSync(path.join(root, 'package.json'), '{ "name": "npx-project", "private": true }\n');
    execFileSync(npm, ['install', '--offline', '--no-audit', '--no-fund', tarball], { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] });
    const run = spawnSync(process.platform === 'win32' ? 'npx.cmd' : 'npx', ['--offline', 'statecraft', 'scan', '--format', 'json'], { cwd: root, encoding: 'utf8' });
    assert.equal(run.status, 1, run.stderr);
    assert.deepEqual((JSON.parse(run.stdout) as Array<{ file: string }>).map((result) => result.file), ['settings.py', 'src/app.js']);
  });
});

describe('.pre-commit-hooks.yaml', () => {
  test('declares a node hook whose entry is the package\'s statecraft binary', () => {
    const hooks = parse(readFileSync(path.join(repoRoot, '.pre-commit-hooks.yaml'), 'utf8')) as Array<{ id: string; entry: string; language: string; pass_filenames?: boolean }>;
    assert.equal(hooks.length, 1);
    const [hook] = hooks;
    assert.equal(hook.id, 'statecraft');
    assert.equal(hook.language, 'node');
    assert.equal(hook.entry, 'statecraft scan');
    assert.ok(Object.hasOwn(manifest.bin, hook.entry.split(' ')[0]));
    assert.notEqual(hook.pass_filenames, false, 'the hook scans the staged files pre-commit passes');
  });
});
