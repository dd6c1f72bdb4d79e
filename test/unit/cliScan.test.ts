// `statecraft scan`: exit codes, output formats (JSON shape, SARIF validated against the official 2.1.0 schema),
// .gitignore and --exclude handling, binary/size skips, suppressions, and a 10,000-file tree (behaviour only; its speed is the bench's large-tree row).

import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import Ajv from 'ajv';
import addFormats from 'ajv-formats';
import { runScanCommand } from '../../src/cli/scanCommand';
import { createAnalyzer } from '../../src/core/analyzer/analyzer';
import { nodeWasmLoader } from './analyzerHelpers';

const EXPRESS_MEMORY = "const express = require('express');\nconst session = require('express-session');\nconst app = express();\napp.use(session({ secret: 's' }));\n";
const EXPRESS_REDIS = "const session = require('express-session');\nconst { RedisStore } = require('connect-redis');\napp.use(session({ store: new RedisStore({ client }), secret: 's' }));\n";
const DJANGO_LOCMEM = 'SESSION_ENGINE = "django.contrib.sessions.backends.cache"\n';
const SOCKET_IO = "const { Server } = require('socket.io');\nconst io = new Server(3000);\n";

const factory = () => createAnalyzer(nodeWasmLoader);

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

/** Writes files (path → content) under `root`, creating folders. */
function writeTree(root: string, files: Record<string, string | Buffer>): void {
  for (const [relative, content] of Object.entries(files)) {
    const full = path.join(root, relative);
    mkdirSync(path.dirname(full), { recursive: true });
    writeFileSync(full, content);
  }
}

let workspace: string;
before(() => {
  workspace = mkdtempSync(path.join(os.tmpdir(), 'statecraft-scan-'));
});
after(() => rmSync(workspace, { recursive: true, force: true }));

function project(name: string, files: Record<string, string | Buffer>): string {
  const root = path.join(workspace, name);
  writeTree(root, files);
  return root;
}

describe('statecraft scan: exit codes and text output', () => {
  test('exit 0 and a one-line summary when nothing is found', async () => {
    const root = project('clean', { 'app.js': EXPRESS_REDIS, 'README.md': 'MemoryStore session({})' });
    const run = await scan(root, '.');
    assert.deepEqual(run, { code: 0, stdout: 'No in-memory session state found (1 file analysed).\n', stderr: '' });
  });

  test('exit 1 with one line per finding and a summary; paths default to "."', async () => {
    const root = project('dirty', { 'src/app.js': EXPRESS_MEMORY, 'settings.py': DJANGO_LOCMEM, 'ok.js': EXPRESS_REDIS });
    const run = await scan(root);
    assert.equal(run.code, 1);
    assert.equal(run.stderr, '');
    assert.equal(
      run.stdout,
      'settings.py:1:1: warning [session-store-in-memory] SESSION_ENGINE uses the cache backend and the "default" cache is LocMemCache (Django\'s default), so sessions live in this process\'s memory: they are lost on every restart or deploy, and a second instance or worker needs sticky routing to find them.\n' +
        '    why: externalize-sessions-python#django\n' +
        'src/app.js:4:9: warning [session-store-in-memory] express-session is configured without a `store`, so it keeps sessions in its in-process MemoryStore: sessions are lost on every restart or deploy, and a second instance needs sticky routing to find them.\n' +
        '    why: externalize-sessions-node#express\n' +
        '\n2 findings in 2 files (3 files analysed).\n',
    );
  });

  test('exit 2 for a missing path, naming it, with nothing on stdout', async () => {
    const root = project('missing', { 'app.js': EXPRESS_MEMORY });
    const run = await scan(root, 'app.js', 'no/such/dir');
    assert.deepEqual(run, { code: 2, stdout: '', stderr: 'statecraft scan: path not found: no/such/dir\n' });
  });

  test('exit 2 for usage errors; --help prints usage and exits 0', async () => {
    const root = project('usage', { 'app.js': EXPRESS_MEMORY });
    const usage =
      'usage: statecraft scan <paths...> [--format text|json|sarif|gitlab|github] [--output <file>] [--sarif-file <file>]\n' +
      '       [--baseline <file>] [--write-baseline <file>] [--fail-on error|warning|note|none] [--shard <i/n>]\n' +
      '       [--exclude <glob>]... [--max-bytes <n>] [--decisions <dir>] [--jobs <n>|auto]\n';
    assert.deepEqual(await scan(root, '--format', 'xml'), { code: 2, stdout: '', stderr: `statecraft scan: option "--format" must be text, json, sarif, gitlab or github, got "xml"\n${usage}` });
    assert.deepEqual(await scan(root, '--fail-on', 'info'), { code: 2, stdout: '', stderr: `statecraft scan: option "--fail-on" must be error, warning, note or none, got "info"\n${usage}` });
    assert.deepEqual(await scan(root, '--shard=3/2'), { code: 2, stdout: '', stderr: `statecraft scan: option "--shard": "3/2" is not a shard: expected i/n with 1 ≤ i ≤ n, for example 2/4\n${usage}` });
    assert.deepEqual(await scan(root, '--baseline', 'b.json', '--write-baseline', 'b.json'), {
      code: 2,
      stdout: '',
      stderr: `statecraft scan: options "--baseline" and "--write-baseline" cannot be used together: write the baseline from a scan without one\n${usage}`,
    });
    assert.deepEqual(await scan(root, '--frobnicate'), { code: 2, stdout: '', stderr: `statecraft scan: unknown option "--frobnicate"\n${usage}` });
    assert.deepEqual(await scan(root, '--exclude'), { code: 2, stdout: '', stderr: `statecraft scan: option "--exclude" needs a value\n${usage}` });
    assert.deepEqual(await scan(root, '--help'), { code: 0, stdout: usage, stderr: '' });
  });
});

describe('statecraft scan --format json', () => {
  test('prints the documented shape with 1-based positions and forward-slash relative paths', async () => {
    const root = project('json', { 'server/app.js': EXPRESS_MEMORY, 'server/io.js': SOCKET_IO });
    const run = await scan(root, '--format', 'json', 'server');
    assert.equal(run.code, 1);
    const printed = JSON.parse(run.stdout) as Array<{ fingerprint: string }>;
    for (const result of printed) assert.match(result.fingerprint, /^[0-9a-f]{16}:1$/);
    assert.deepEqual(printed.map(({ fingerprint: _fingerprint, ...rest }) => rest), [
      {
        file: 'server/app.js',
        line: 4,
        column: 9,
        endLine: 4,
        endColumn: 33,
        rule: 'session-store-in-memory',
        severity: 'warning',
        level: 'warning',
        message: 'express-session is configured without a `store`, so it keeps sessions in its in-process MemoryStore: sessions are lost on every restart or deploy, and a second instance needs sticky routing to find them.',
        note: 'externalize-sessions-node#express',
      },
      {
        file: 'server/io.js',
        line: 2,
        column: 12,
        endLine: 2,
        endColumn: 28,
        rule: 'socketio-no-adapter',
        severity: 'information',
        level: 'note',
        message: 'Socket.IO server without an adapter: rooms and broadcasts reach only the clients connected to this process, so a second instance would miss messages and clients would need sticky routing.',
        note: 'externalize-sessions-node#socketio',
      },
    ]);
    const clean = await scan(root, '--format=json', 'server/app.js', '--exclude', '**/app.js');
    assert.deepEqual(clean, { code: 0, stdout: '[]\n', stderr: '' });
  });
});

describe('statecraft scan: what gets scanned', () => {
  test('.gitignore files (nested, with negation) are respected; node_modules and .git are always skipped', async () => {
    const root = project('ignored', {
      '.git/HEAD': 'ref: refs/heads/main\n',
      '.git/hooks/app.js': EXPRESS_MEMORY,
      '.gitignore': 'dist/\n*.gen.js\n',
      'dist/bundle.js': EXPRESS_MEMORY,
      'src/app.gen.js': EXPRESS_MEMORY,
      'src/app.js': EXPRESS_MEMORY,
      'src/legacy/.gitignore': '*.js\n!keep.js\n',
      'src/legacy/old.js': EXPRESS_MEMORY,
      'src/legacy/keep.js': EXPRESS_MEMORY,
      'node_modules/lib/index.js': EXPRESS_MEMORY,
      'vendor/node_modules/x.js': EXPRESS_MEMORY,
    });
    const run = await scan(root, '--format', 'json');
    assert.deepEqual(JSON.parse(run.stdout).map((result: { file: string }) => result.file), ['src/app.js', 'src/legacy/keep.js']);
    // A .gitignore above the scanned folder applies up to the repository root.
    const sub = await scan(path.join(root, 'src'), '--format', 'json', '.');
    assert.deepEqual(JSON.parse(sub.stdout).map((result: { file: string }) => result.file), ['app.js', 'legacy/keep.js']);
    // A path named on the command line is scanned even when ignored.
    const explicit = await scan(root, '--format', 'json', 'dist/bundle.js');
    assert.deepEqual(JSON.parse(explicit.stdout).map((result: { file: string }) => result.file), ['dist/bundle.js']);
  });

  test('--exclude globs match cwd-relative paths; globs without a slash match base names', async () => {
    const root = project('exclude', {
      'src/a.js': EXPRESS_MEMORY,
      'src/legacy/b.js': EXPRESS_MEMORY,
      'src/c.old.js': EXPRESS_MEMORY,
      'tools/settings.py': DJANGO_LOCMEM,
    });
    const run = await scan(root, '--format', 'json', '--exclude', 'src/legacy/**', '--exclude=*.old.js', '--exclude', 'tools');
    assert.deepEqual(JSON.parse(run.stdout).map((result: { file: string }) => result.file), ['src/a.js']);
  });

  test('binary files and files over the size cap are skipped with a message on stderr', async () => {
    const root = project('skips', {
      'bin.js': Buffer.concat([Buffer.from(EXPRESS_MEMORY), Buffer.from([0, 1, 2, 0])]),
      'big.js': `${EXPRESS_MEMORY}${'// padding\n'.repeat(20)}`,
      'small.js': EXPRESS_MEMORY,
      'min.js': `${EXPRESS_MEMORY}var x=${'1'.repeat(10_001)};\n`,
    });
    const run = await scan(root, '--format', 'json', '--max-bytes', '12000');
    assert.equal(run.code, 1);
    assert.deepEqual(JSON.parse(run.stdout).map((result: { file: string }) => result.file), ['big.js', 'small.js']);
    assert.deepEqual(run.stderr.split('\n').filter(Boolean).sort(), [
      'statecraft scan: skipped bin.js: binary file',
      'statecraft scan: skipped min.js: looks minified or generated (a line of 10008 characters, limit 10000)',
    ]);
    const capped = await scan(root, '--format', 'json', '--max-bytes', '200', 'big.js', 'small.js');
    assert.deepEqual(JSON.parse(capped.stdout).map((result: { file: string }) => result.file), ['small.js']);
    assert.equal(capped.stderr, 'statecraft scan: skipped big.js: 358 bytes, over the 200-byte limit\n');
  });

  test('statecraft-ignore comments with a reason suppress findings', async () => {
    const suppressed = EXPRESS_MEMORY.replace("app.use(session", '// statecraft-ignore: internal admin tool, single instance\napp.use(session');
    const root = project('suppress', { 'admin.js': suppressed, 'app.js': EXPRESS_MEMORY.replace('app.use', '// statecraft-ignore\napp.use') });
    const run = await scan(root);
    assert.equal(run.code, 1);
    assert.match(run.stdout, /^app\.js:5:9: warning \[session-store-in-memory\]/);
    assert.match(run.stdout, /\n1 finding in 1 file \(2 files analysed, 1 suppressed\)\.\n$/);
    const onlySuppressed = await scan(root, 'admin.js');
    assert.deepEqual(onlySuppressed, { code: 0, stdout: 'No in-memory session state found (1 file analysed, 1 suppressed).\n', stderr: '' });
  });
});

describe('statecraft scan --format sarif', () => {
  test('is valid SARIF 2.1.0 (official schema) with rules, levels and relative locations', async () => {
    const root = project('sarif', { 'web/app.js': EXPRESS_MEMORY, 'web/io.js': SOCKET_IO, 'my project/settings.py': DJANGO_LOCMEM });
    const run = await scan(root, '--format', 'sarif');
    assert.equal(run.code, 1);
    const log = JSON.parse(run.stdout);
    const schema = JSON.parse(readFileSync(path.join(__dirname, '..', 'fixtures', 'sarif', 'sarif-schema-2.1.0.json'), 'utf8'));
    const ajv = new Ajv({ strict: false, allErrors: true });
    addFormats(ajv);
    const validate = ajv.compile(schema);
    assert.equal(validate(log), true, JSON.stringify(validate.errors, null, 2));
    // The validator is not vacuous: an invalid level or a zero line number is rejected.
    const broken = JSON.parse(run.stdout);
    broken.runs[0].results[0].level = 'information';
    assert.equal(validate(broken), false);
    const zeroLine = JSON.parse(run.stdout);
    zeroLine.runs[0].results[0].locations[0].physicalLocation.region.startLine = 0;
    assert.equal(validate(zeroLine), false);

    assert.equal(log.version, '2.1.0');
    const [sarifRun] = log.runs;
    assert.equal(sarifRun.tool.driver.name, 'statecraft');
    assert.deepEqual(
      sarifRun.tool.driver.rules.map((rule: { id: string; defaultConfiguration: { level: string } }) => [rule.id, rule.defaultConfiguration.level]),
      [
        ['session-store-in-memory', 'warning'],
        ['session-store-local-disk', 'note'],
        ['socketio-no-adapter', 'note'],
        ['in-memory-session-map', 'note'],
        ['in-memory-connection-registry', 'note'],
        ['in-memory-rate-limit', 'note'],
        ['decision-drift', 'warning'],
        ['sticky-routing-affinity', 'note'],
        ['consistent-hash-non-client-key', 'note'],
      ],
    );
    for (const rule of sarifRun.tool.driver.rules) {
      assert.match(rule.helpUri, /^https:\/\/github\.com\/statecraft-dev\/statecraft\/blob\/main\/content\/[a-z-]+\.md#[a-z-]+$/);
      assert.ok(rule.shortDescription.text.length > 0);
    }
    assert.deepEqual(
      sarifRun.results.map((result: { ruleId: string; ruleIndex: number; level: string; locations: Array<{ physicalLocation: { artifactLocation: { uri: string }; region: object } }> }) => [
        result.ruleId,
        result.ruleIndex,
        result.level,
        result.locations[0].physicalLocation.artifactLocation.uri,
        result.locations[0].physicalLocation.region,
      ]),
      [
        ['session-store-in-memory', 0, 'warning', 'my%20project/settings.py', { startLine: 1, startColumn: 1, endLine: 1, endColumn: 58 }],
        ['session-store-in-memory', 0, 'warning', 'web/app.js', { startLine: 4, startColumn: 9, endLine: 4, endColumn: 33 }],
        ['socketio-no-adapter', 2, 'note', 'web/io.js', { startLine: 2, startColumn: 12, endLine: 2, endColumn: 28 }],
      ],
    );
    assert.equal(sarifRun.results[0].message.text.startsWith('SESSION_ENGINE uses the cache backend'), true);
  });

  test('an empty scan is still a valid SARIF log with an empty results array', async () => {
    const root = project('sarif-empty', { 'app.js': EXPRESS_REDIS });
    const run = await scan(root, '--format', 'sarif');
    assert.equal(run.code, 0);
    const log = JSON.parse(run.stdout);
    assert.deepEqual(log.runs[0].results, []);
  });
});

describe('statecraft scan on a 10,000-file tree', () => {
  test('walks every folder iteratively, honours .gitignore, skips oversize files, and analyses every other file: none skipped for time or lost', async () => {
    const root = path.join(workspace, 'big-tree');
    const files: Record<string, string> = { '.gitignore': 'ignored/\n' };
    let expected = 0;
    // 10,000 files: 99 folders of 100 files (1 in 50 with a finding), plus 100 ignored files that all have findings.
    for (let folder = 0; folder < 99; folder++) {
      for (let file = 0; file < 100; file++) {
        const dirty = (folder * 100 + file) % 50 === 0;
        expected += dirty ? 1 : 0;
        const depth = `pkg${folder % 10}/mod${folder}`;
        files[`${depth}/f${file}.js`] = dirty ? EXPRESS_MEMORY : `export const value${file} = ${file};\n`;
      }
    }
    for (let file = 0; file < 100; file++) {
      files[`ignored/f${file}.js`] = EXPRESS_MEMORY;
    }
    const oversize = `${EXPRESS_MEMORY}${'// padding padding padding padding padding padding\n'.repeat(22_000)}`;
    files['pkg0/huge1.js'] = oversize;
    files['pkg1/huge2.js'] = oversize;
    files['pkg2/huge3.py'] = oversize;
    writeTree(root, files);

    // How fast is the bench's business (`npm run bench -- --only large-tree`); here: nothing skipped, nothing lost.
    const run = await scan(root);
    assert.equal(run.code, 1);
    const findingLines = run.stdout.split('\n').filter((line) => /^\S+\.js:\d+:\d+: /.test(line));
    assert.equal(findingLines.length, expected);
    assert.equal(findingLines.some((line) => line.startsWith('ignored/')), false);
    // Every file that is neither ignored nor over the size cap was analysed (none timed out, none was dropped).
    assert.match(run.stdout, new RegExp(`^${expected} findings in ${expected} files \\(${99 * 100} files analysed\\)\\.$`, 'm'));
    const skipped = run.stderr.split('\n').filter(Boolean).sort();
    assert.deepEqual(
      skipped.map((line) => line.replace(/: \d+ bytes/, ': N bytes')),
      ['pkg0/huge1.js', 'pkg1/huge2.js', 'pkg2/huge3.py'].map((file) => `statecraft scan: skipped ${file}: N bytes, over the 1048576-byte limit`),
    );
  });
});
