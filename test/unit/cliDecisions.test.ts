// Decision records end to end through the CLI: `statecraft recommend … --state sessions --adr` writes a record into
// docs/adr, then `statecraft scan` judges each project against it: drift where the code keeps sessions in memory,
// nothing where it follows the record, accepted-and-lower where a record accepts what the code does.

import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { runRecommendCommand } from '../../src/cli/recommendCommand';
import { runScanCommand, type ScanResultJson } from '../../src/cli/scanCommand';
import { createAnalyzer } from '../../src/core/analyzer/analyzer';
import { nextDecisionRecordFileName } from '../../src/core/decisions/adr';
import { nodeWasmLoader } from './analyzerHelpers';

const EXPRESS_MEMORY = "const express = require('express');\nconst session = require('express-session');\nconst app = express();\napp.use(session({ secret: 's' }));\n";
const EXPRESS_REDIS = "const session = require('express-session');\nconst { RedisStore } = require('connect-redis');\napp.use(session({ store: new RedisStore({ client }), secret: 's' }));\n";
const SOCKET_IO = "const { Server } = require('socket.io');\nconst io = new Server(3000);\n";
const LOGIN_FLAGS = ['--latency-budget-ms', '10', '--accesses-per-request', '1', '--instances', '4', '--runtime', 'server', '--loss', 'none', '--shared', 'yes', '--client-can-carry', 'no'];
const CONNECTION_FLAGS = ['--latency-budget-ms', '1', '--accesses-per-request', '5', '--instances', '8', '--runtime', 'server', '--loss', 'rebuildable', '--shared', 'yes', '--client-can-carry', 'no'];

let workspace: string;
before(() => {
  workspace = mkdtempSync(path.join(os.tmpdir(), 'statecraft-decisions-'));
});
after(() => rmSync(workspace, { recursive: true, force: true }));

const io = (cwd: string) => {
  const out = { stdout: '', stderr: '' };
  return { out, io: { stdout: (t: string) => (out.stdout += t), stderr: (t: string) => (out.stderr += t), cwd } };
};

/** `statecraft recommend <flags> --adr`, saved as the next numbered record in `<root>/docs/adr`. */
async function recordDecision(root: string, flags: string[]): Promise<string> {
  const { out, io: cli } = io(root);
  const code = await runRecommendCommand([...flags, '--adr'], cli, () => new Date(2026, 11, 2));
  assert.equal(code, 0, out.stderr);
  const folder = path.join(root, 'docs', 'adr');
  mkdirSync(folder, { recursive: true });
  const title = /^# (.+)$/m.exec(out.stdout)![1];
  const name = nextDecisionRecordFileName(readdirSync(folder), title);
  writeFileSync(path.join(folder, name), out.stdout);
  return `docs/adr/${name}`;
}

async function scanJson(cwd: string, ...argv: string[]): Promise<{ code: number; results: ScanResultJson[]; stderr: string }> {
  const { out, io: cli } = io(cwd);
  const code = await runScanCommand([...argv, '--format', 'json'], cli, () => createAnalyzer(nodeWasmLoader));
  return { code, results: JSON.parse(out.stdout) as ScanResultJson[], stderr: out.stderr };
}

function project(name: string, files: Record<string, string>): string {
  const root = path.join(workspace, name);
  for (const [relative, content] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(root, relative)), { recursive: true });
    writeFileSync(path.join(root, relative), content);
  }
  return root;
}

describe('statecraft recommend --state … --adr, then statecraft scan', () => {
  test('a project whose code keeps sessions in memory drifts from its sessions record', async () => {
    const root = project('drifting', { 'src/server.js': EXPRESS_MEMORY });
    const record = await recordDecision(root, [...LOGIN_FLAGS, '--state', 'sessions']);
    assert.equal(record, 'docs/adr/0001-keep-session-state-externalized-in-redis.md');
    const run = await scanJson(root, '.');
    assert.equal(run.code, 1);
    assert.equal(run.stderr, '');
    assert.equal(run.results.length, 1);
    const [drift] = run.results;
    assert.equal(drift.rule, 'decision-drift');
    assert.equal(drift.severity, 'warning');
    assert.equal(drift.file, 'src/server.js');
    assert.deepEqual(drift.decision, { verdict: 'drift', record, rule: 'session-store-in-memory' });
    assert.ok(drift.message.startsWith(`Contradicts ${record}: sessions are to be externalized. `), drift.message);
  });

  test('a project that follows the record reports nothing', async () => {
    const root = project('following', { 'src/server.js': EXPRESS_REDIS });
    await recordDecision(root, [...LOGIN_FLAGS, '--state', 'sessions']);
    const run = await scanJson(root, '.');
    assert.deepEqual([run.code, run.results, run.stderr], [0, [], '']);
  });

  test('the record is found under the git root when a sub-folder is scanned, and --decisions names a folder', async () => {
    const root = project('monorepo', { '.git/HEAD': 'ref: refs/heads/main\n', 'services/web/server.js': EXPRESS_MEMORY });
    const record = await recordDecision(root, [...LOGIN_FLAGS, '--state', 'sessions', '--scope', 'services/web/**']);
    const fromSub = await scanJson(path.join(root, 'services', 'web'), '.');
    assert.equal(fromSub.results[0]?.rule, 'decision-drift');
    assert.equal(fromSub.results[0]?.decision?.record, `../../${record}`);
    const elsewhere = project('elsewhere', { 'server.js': EXPRESS_MEMORY });
    const explicit = await scanJson(elsewhere, '.', '--decisions', path.join(root, 'docs', 'adr'));
    // The record's scope (services/web/**) is relative to its own repository: this file is outside it.
    assert.equal(explicit.results[0]?.rule, 'session-store-in-memory');
    const { out, io: cli } = io(elsewhere);
    const code = await runScanCommand(['.', '--decisions', 'no/such/folder'], cli, () => createAnalyzer(nodeWasmLoader));
    assert.equal(code, 2);
    assert.equal(out.stdout, '');
    assert.match(out.stderr, /^statecraft scan: decisions folder not found: no\/such\/folder\n/);
  });

  test('a record that accepts what the code does keeps the finding, one level lower, naming the record', async () => {
    const root = project('accepted', { 'src/io.js': SOCKET_IO });
    const record = await recordDecision(root, [...CONNECTION_FLAGS, '--state', 'connections']);
    const run = await scanJson(root, '.');
    assert.equal(run.results.length, 1);
    assert.equal(run.results[0].rule, 'socketio-no-adapter');
    assert.equal(run.results[0].decision?.verdict, 'accepted');
    assert.equal(run.results[0].decision?.record, record);
    assert.equal(run.results[0].severity, 'hint');
  });

  test('a record with malformed front matter is named on stderr and ignored; the scan still runs', async () => {
    const root = project('malformed', {
      'server.js': EXPRESS_MEMORY,
      'docs/adr/0001-sessions.md': '---\nstatus: accepted\nstate: carts\nplacement: externalized\n---\n# Sessions\n',
    });
    const run = await scanJson(root, '.');
    assert.equal(run.results[0]?.rule, 'session-store-in-memory');
    assert.match(run.stderr, /^statecraft scan: decision record docs\/adr\/0001-sessions\.md:3 is ignored: decision record state must be one of sessions, connections, cache, rate-limits, other \(got "carts"\)\n$/);
  });

  test('--state rejects an unknown kind and defaults to other', async () => {
    const { out, io: cli } = io(workspace);
    await assert.rejects(runRecommendCommand([...LOGIN_FLAGS, '--state', 'carts', '--adr'], cli), /--state must be one of sessions, connections, cache, rate-limits, other \(got "carts"\)/);
    await runRecommendCommand([...LOGIN_FLAGS, '--adr'], cli, () => new Date(2026, 11, 2));
    assert.match(out.stdout, /^---\nstatus: accepted\ndate: 2026-12-02\nstate: other\nplacement: externalized\n/);
  });
});
