// The GitHub Action's entry point (src/action.ts), run as the runner runs it: a separate Node process with the inputs
// in INPUT_* variables and a GITHUB_OUTPUT file, checking the outputs it writes and its exit codes.

import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { parse } from 'yaml';
import { readInputs } from '../../src/action';

const repoRoot = path.join(__dirname, '..', '..');
const entry = path.join(repoRoot, 'src', 'action.ts');
const tsx = pathToFileURL(path.join(repoRoot, 'node_modules', 'tsx', 'dist', 'loader.mjs')).href;

const EXPRESS_MEMORY = "const express = require('express');\nconst session = require('express-session');\nconst app = express();\napp.use(session({ secret: 's' }));\n";
const SOCKET_IO = "const { Server } = require('socket.io');\nconst io = new Server(3000);\n";

let workspace: string;
before(() => {
  workspace = mkdtempSync(path.join(os.tmpdir(), 'statecraft-action-'));
  for (const [file, text] of Object.entries({ 'server/app.js': EXPRESS_MEMORY, 'server/io.js': SOCKET_IO, 'docs/readme.md': 'MemoryStore' })) {
    mkdirSync(path.dirname(path.join(workspace, file)), { recursive: true });
    writeFileSync(path.join(workspace, file), text);
  }
});
after(() => rmSync(workspace, { recursive: true, force: true }));

interface ActionRun {
  code: number | null;
  stdout: string;
  stderr: string;
  outputs: Record<string, string>;
}

/** Runs the entry point with `inputs` as the runner passes them (INPUT_<NAME>, hyphens kept) and reads GITHUB_OUTPUT. */
function runAction(inputs: Record<string, string>): ActionRun {
  const outputFile = path.join(workspace, `output-${Math.random().toString(36).slice(2)}.txt`);
  writeFileSync(outputFile, '');
  const env: NodeJS.ProcessEnv = { PATH: process.env.PATH, GITHUB_OUTPUT: outputFile, GITHUB_ACTIONS: 'true', GITHUB_WORKSPACE: workspace };
  for (const [name, value] of Object.entries(inputs)) env[`INPUT_${name.toUpperCase()}`] = value;
  const run = spawnSync(process.execPath, ['--import', tsx, entry], { cwd: workspace, env, encoding: 'utf8' });
  const outputs: Record<string, string> = {};
  // The multi-line form: name<<DELIMITER, value lines, DELIMITER.
  const text = readFileSync(outputFile, 'utf8');
  for (const match of text.matchAll(/^([\w-]+)<<(\S+)\n([\s\S]*?)\n\2\n/gm)) outputs[match[1]] = match[3];
  assert.equal(text.replace(/^([\w-]+)<<(\S+)\n([\s\S]*?)\n\2\n/gm, ''), '', `unparsed GITHUB_OUTPUT content: ${text}`);
  return { code: run.status, stdout: run.stdout, stderr: run.stderr, outputs };
}

describe('GitHub Action entry point', () => {
  test('findings: exit 1, an error annotation, the findings count and the SARIF path as outputs', () => {
    const run = runAction({ paths: 'server', 'sarif-file': 'reports/statecraft.sarif' });
    assert.equal(run.code, 1, run.stderr);
    assert.match(run.stdout, /^server\/app\.js:4:9: warning \[session-store-in-memory\]/m);
    assert.match(run.stdout, /^::error title=statecraft::Statecraft reported findings at or above "note"\./m);
    assert.deepEqual(run.outputs, { findings: '2', 'sarif-file': path.join(workspace, 'reports', 'statecraft.sarif') });
    const sarif = JSON.parse(readFileSync(run.outputs['sarif-file'], 'utf8'));
    assert.equal(sarif.runs[0].results.length, 2);
    assert.ok(sarif.runs[0].results.every((result: { partialFingerprints?: object }) => result.partialFingerprints !== undefined));
  });

  test('fail-on decides the exit code; the default SARIF path is statecraft.sarif in the workspace', () => {
    const warningOnly = runAction({ paths: 'server/io.js', 'fail-on': 'warning' });
    assert.equal(warningOnly.code, 0, warningOnly.stdout + warningOnly.stderr);
    assert.deepEqual(warningOnly.outputs, { findings: '1', 'sarif-file': path.join(workspace, 'statecraft.sarif') });
    const none = runAction({ paths: 'server\ndocs', 'fail-on': 'none', format: 'github' });
    assert.equal(none.code, 0);
    assert.equal(none.outputs.findings, '2');
    assert.match(none.stdout, /^::warning file=server\/app\.js,line=4,/m);
  });

  test('a baseline input reports only new findings', () => {
    const written = spawnSync(process.execPath, ['--import', tsx, path.join(repoRoot, 'src', 'cli.ts'), 'scan', 'server', '--write-baseline', 'baseline.json'], { cwd: workspace, encoding: 'utf8' });
    assert.equal(written.status, 0, written.stderr);
    const known = runAction({ paths: 'server', baseline: 'baseline.json' });
    assert.equal(known.code, 0, known.stdout);
    assert.equal(known.outputs.findings, '0');
    writeFileSync(path.join(workspace, 'server', 'admin.js'), EXPRESS_MEMORY.replace("'s'", "'admin'"));
    const added = runAction({ paths: 'server', baseline: 'baseline.json' });
    assert.equal(added.code, 1);
    assert.equal(added.outputs.findings, '1');
    assert.match(added.stdout, /not in the baseline/);
    rmSync(path.join(workspace, 'server', 'admin.js'));
  });

  test('bad inputs: exit 2 with the scan error on stderr and no outputs', () => {
    const run = runAction({ format: 'xml', 'sarif-file': 'never.sarif' });
    assert.equal(run.code, 2);
    assert.match(run.stderr, /option "--format" must be text, json, sarif, gitlab or github, got "xml"/);
    assert.deepEqual(run.outputs, {});
    const missing = runAction({ paths: 'no/such/folder', 'sarif-file': 'never.sarif' });
    assert.equal(missing.code, 2);
    assert.match(missing.stderr, /path not found: no\/such\/folder/);
    assert.deepEqual(missing.outputs, {});
    const jobs = runAction({ jobs: 'many', 'sarif-file': 'never.sarif' });
    assert.equal(jobs.code, 2);
    assert.match(jobs.stderr, /option "--jobs" must be a positive whole number or "auto", got "many"/);
    assert.deepEqual(jobs.outputs, {});
  });
});

describe('action.yml', () => {
  test('declares the inputs the entry point reads, with the same defaults, the outputs it writes, and node24', () => {
    const action = parse(readFileSync(path.join(repoRoot, 'action.yml'), 'utf8')) as {
      inputs: Record<string, { default: string }>;
      outputs: Record<string, unknown>;
      runs: { using: string; main: string };
    };
    assert.deepEqual(action.runs, { using: 'node24', main: 'dist/action.js' });
    assert.match(readFileSync(path.join(repoRoot, 'scripts', 'build.mjs'), 'utf8'), /src\/action\.ts'\)\],\s*outfile: path\.join\(dist, 'action\.js'\)/);
    assert.deepEqual(Object.keys(action.inputs), ['paths', 'format', 'baseline', 'fail-on', 'sarif-file', 'jobs']);
    assert.deepEqual(Object.keys(action.outputs), ['findings', 'sarif-file']);
    // The runner sets every declared input, defaults included: the entry point must read them to the same options.
    const env = Object.fromEntries(Object.entries(action.inputs).map(([name, input]) => [`INPUT_${name.toUpperCase()}`, input.default]));
    assert.deepEqual(readInputs(env), readInputs({}));
  });
});
