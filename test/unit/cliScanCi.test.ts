// `statecraft scan` in CI: the baseline round trip (write, re-scan, move lines, add a finding), malformed baselines,
// --fail-on, --output/--sarif-file, fingerprints in SARIF equal to the JSON ones, the GitLab and GitHub formats, and
// shards whose union is the full scan.

import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { runScanCommand } from '../../src/cli/scanCommand';
import { createAnalyzer, type Analyzer } from '../../src/core/analyzer/analyzer';
import { FINGERPRINT_KEY } from '../../src/core/ci/fingerprint';
import { nodeWasmLoader } from './analyzerHelpers';

const EXPRESS_MEMORY = "const express = require('express');\nconst session = require('express-session');\nconst app = express();\napp.use(session({ secret: 's' }));\n";
const DJANGO_LOCMEM = 'SESSION_ENGINE = "django.contrib.sessions.backends.cache"\n';
const SOCKET_IO = "const { Server } = require('socket.io');\nconst io = new Server(3000);\n";

const analyzer = createAnalyzer(nodeWasmLoader);
// The command disposes the analyzer it is given; these tests share one, so each run gets a wrapper that keeps it.
const factory = (): Analyzer => ({
  analyze: (text, file, options) => analyzer.analyze(text, file, options),
  createSession: () => analyzer.createSession(),
  languageForFile: (file) => analyzer.languageForFile(file),
  dispose: () => undefined,
});
after(() => analyzer.dispose());

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

async function scan(cwd: string, ...argv: string[]): Promise<Run> {
  let stdout = '';
  let stderr = '';
  const code = await runScanCommand(argv, { stdout: (text) => (stdout += text), stderr: (text) => (stderr += text), cwd }, factory);
  return { code, stdout, stderr };
}

let workspace: string;
before(() => {
  workspace = mkdtempSync(path.join(os.tmpdir(), 'statecraft-ci-'));
});
after(() => rmSync(workspace, { recursive: true, force: true }));

function project(name: string, files: Record<string, string>): string {
  const root = path.join(workspace, name);
  for (const [relative, content] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(root, relative)), { recursive: true });
    writeFileSync(path.join(root, relative), content);
  }
  return root;
}

describe('baselines', () => {
  test('round trip: write, re-scan exit 0, insert lines above exit 0, a new finding exits 1 listing only it', async () => {
    const root = project('round-trip', { 'src/app.js': EXPRESS_MEMORY, 'settings.py': DJANGO_LOCMEM, 'src/io.js': SOCKET_IO });
    const written = await scan(root, '--write-baseline', 'statecraft-baseline.json');
    assert.equal(written.code, 0, written.stderr);
    assert.equal(written.stderr, 'statecraft scan: wrote 3 findings to the baseline statecraft-baseline.json\n');
    const baseline = JSON.parse(readFileSync(path.join(root, 'statecraft-baseline.json'), 'utf8'));
    assert.deepEqual(baseline.findings.map((entry: { file: string; rule: string }) => [entry.file, entry.rule]), [
      ['settings.py', 'session-store-in-memory'],
      ['src/app.js', 'session-store-in-memory'],
      ['src/io.js', 'socketio-no-adapter'],
    ]);

    const rescan = await scan(root, '--baseline', 'statecraft-baseline.json');
    assert.deepEqual(rescan, {
      code: 0,
      stdout: 'No in-memory session state found (3 files analysed).\nbaseline statecraft-baseline.json: 3 known, 0 new, 0 stale (fixed or edited; re-write it with --write-baseline to drop them)\n',
      stderr: '',
    });

    writeFileSync(path.join(root, 'src/app.js'), `// Licence header\n// added later\n\n${EXPRESS_MEMORY.replace('app.use', '\n\napp.use')}`);
    writeFileSync(path.join(root, 'settings.py'), `import os\n\nDEBUG = False\n${DJANGO_LOCMEM}`);
    const moved = await scan(root, '--baseline', 'statecraft-baseline.json');
    assert.equal(moved.code, 0, moved.stdout);

    writeFileSync(path.join(root, 'src/admin.js'), EXPRESS_MEMORY.replace("'s'", "'admin'"));
    const added = await scan(root, '--baseline', 'statecraft-baseline.json');
    assert.equal(added.code, 1);
    assert.match(added.stdout, /^src\/admin\.js:4:9: warning \[session-store-in-memory\] /);
    assert.equal(added.stdout.match(/^\S+:\d+:\d+: /gm)?.length, 1, added.stdout);
    assert.match(added.stdout, /\n1 finding in 1 file \(4 files analysed\)\.\nbaseline statecraft-baseline.json: 3 known, 1 new, 0 stale /);

    // Fixing a finding leaves a stale entry, counted in the summary; the JSON output carries only new findings.
    writeFileSync(path.join(root, 'src/io.js'), "const { Server } = require('socket.io');\nconst { createAdapter } = require('@socket.io/redis-adapter');\nconst io = new Server(3000, { adapter: createAdapter(pub, sub) });\n");
    const fixed = await scan(root, '--format', 'json', '--baseline', 'statecraft-baseline.json');
    assert.equal(fixed.code, 1);
    assert.deepEqual(JSON.parse(fixed.stdout).map((result: { file: string }) => result.file), ['src/admin.js']);
    assert.equal(fixed.stderr, 'statecraft scan: baseline statecraft-baseline.json: 2 known, 1 new, 1 stale (fixed or edited; re-write it with --write-baseline to drop them)\n');
  });

  test('re-writing an unchanged baseline gives the same bytes', async () => {
    const root = project('stable', { 'b.js': EXPRESS_MEMORY, 'a.js': EXPRESS_MEMORY, 'c/settings.py': DJANGO_LOCMEM });
    await scan(root, '--write-baseline', 'first.json');
    await scan(root, '--write-baseline', 'second.json', '--format', 'json');
    assert.equal(readFileSync(path.join(root, 'second.json'), 'utf8'), readFileSync(path.join(root, 'first.json'), 'utf8'));
  });

  test('a missing or malformed baseline is an exit-2 error naming the file, before anything is printed', async () => {
    const root = project('malformed', { 'app.js': EXPRESS_MEMORY, 'broken.json': '{ "version": 1, "findings": [ { "file": "app.js" } ] }', 'text.json': 'not json' });
    assert.deepEqual(await scan(root, '--baseline', 'broken.json'), {
      code: 2,
      stdout: '',
      stderr: 'statecraft scan: baseline broken.json is malformed: findings[0] needs non-empty string fields "file", "rule" and "fingerprint"\n',
    });
    const text = await scan(root, '--baseline', 'text.json');
    assert.equal(text.code, 2);
    assert.match(text.stderr, /^statecraft scan: baseline text\.json is malformed: not valid JSON \(/);
    assert.deepEqual(await scan(root, '--baseline', 'nope.json'), { code: 2, stdout: '', stderr: 'statecraft scan: cannot read baseline nope.json: ENOENT\n' });
  });
});

describe('--fail-on', () => {
  test('fails only on findings at or above the level; none never fails', async () => {
    const root = project('fail-on', { 'io.js': SOCKET_IO, 'app.js': EXPRESS_MEMORY });
    assert.equal((await scan(root, 'io.js', '--fail-on', 'note')).code, 1);
    assert.equal((await scan(root, 'io.js', '--fail-on', 'warning')).code, 0);
    assert.equal((await scan(root, '--fail-on', 'warning')).code, 1);
    assert.equal((await scan(root, '--fail-on', 'error')).code, 0);
    const none = await scan(root, '--fail-on=none');
    assert.equal(none.code, 0);
    assert.match(none.stdout, /2 findings in 2 files/);
  });
});

describe('report files and formats', () => {
  test('--output and --sarif-file write files; SARIF fingerprints equal the JSON ones', async () => {
    const root = project('outputs', { 'web/app.js': EXPRESS_MEMORY, 'web/io.js': SOCKET_IO });
    const run = await scan(root, '--format', 'json', '--output', 'reports/scan.json', '--sarif-file', 'reports/scan.sarif');
    assert.deepEqual(run, { code: 1, stdout: '', stderr: '' });
    const json = JSON.parse(readFileSync(path.join(root, 'reports/scan.json'), 'utf8')) as Array<{ fingerprint: string; file: string }>;
    const sarif = JSON.parse(readFileSync(path.join(root, 'reports/scan.sarif'), 'utf8'));
    const results = sarif.runs[0].results as Array<{ partialFingerprints: Record<string, string> }>;
    assert.deepEqual(results.map((result) => result.partialFingerprints[FINGERPRINT_KEY]), json.map((result) => result.fingerprint));
    assert.equal(sarif.runs[0].automationDetails.id, 'statecraft/');
    const sharded = JSON.parse((await scan(root, '--format', 'sarif', '--shard', '1/2')).stdout);
    assert.equal(sharded.runs[0].automationDetails.id, 'statecraft/shard-1-of-2/');
  });

  test('--format gitlab prints Code Quality issues; --format github prints workflow commands', async () => {
    const root = project('gitlab', { 'src/app.js': EXPRESS_MEMORY, 'src/io, main.js': SOCKET_IO });
    const gitlab = await scan(root, '--format', 'gitlab');
    assert.equal(gitlab.code, 1);
    const issues = JSON.parse(gitlab.stdout) as Array<{ check_name: string; severity: string; location: object; fingerprint: string }>;
    assert.deepEqual(issues.map(({ check_name, severity, location }) => ({ check_name, severity, location })), [
      { check_name: 'session-store-in-memory', severity: 'minor', location: { path: 'src/app.js', lines: { begin: 4, end: 4 } } },
      { check_name: 'socketio-no-adapter', severity: 'info', location: { path: 'src/io, main.js', lines: { begin: 2, end: 2 } } },
    ]);
    const github = await scan(root, '--format', 'github');
    assert.equal(github.code, 1);
    const lines = github.stdout.split('\n').filter(Boolean);
    assert.equal(lines.length, 2);
    assert.match(lines[0], /^::warning file=src\/app\.js,line=4,endLine=4,col=9,endColumn=33,title=statecraft session-store-in-memory::express-session is configured without a `store`/);
    assert.match(lines[1], /^::notice file=src\/io%2C main\.js,line=2,endLine=2,col=12,endColumn=28,title=statecraft socketio-no-adapter::Socket\.IO server/);
  });
});

describe('--shard', () => {
  test('the union of the shards is the full scan, with no file in two shards', async () => {
    const files: Record<string, string> = {};
    for (let index = 0; index < 24; index++) {
      files[`pkg${index % 5}/f${index}.js`] = index % 3 === 0 ? SOCKET_IO : EXPRESS_MEMORY;
    }
    const root = project('shards', files);
    const full = JSON.parse((await scan(root, '--format', 'json')).stdout) as Array<{ file: string; fingerprint: string }>;
    assert.equal(full.length, 24);
    const key = (result: { file: string; fingerprint: string }) => `${result.file} ${result.fingerprint}`;
    const union: string[] = [];
    for (let index = 1; index <= 3; index++) {
      const shard = JSON.parse((await scan(root, '--format', 'json', '--shard', `${index}/3`)).stdout) as Array<{ file: string; fingerprint: string }>;
      assert.ok(shard.length > 0 && shard.length < 24, `shard ${index}/3 has ${shard.length} findings`);
      union.push(...shard.map(key));
    }
    assert.deepEqual(union.sort(), full.map(key).sort());
  });
});
