// `statecraft scan --jobs N`: one job analyses on the main thread, more use the worker pool the editor uses (from
// source: the TypeScript worker entry through tsx). The report must not depend on which: the same JSON, in the same
// order, for a multi-language project that also needs a cross-file read (a session store built in another module).
// Bad values are usage errors naming the option.

import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { cpSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { runScanCommand, scanAnalyzerFactory, type AnalyzerFactory } from '../../src/cli/scanCommand';
import { AnalysisPool } from '../../src/core/worker/analysisPool';

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

async function scan(cwd: string, argv: string[], factory?: AnalyzerFactory): Promise<Run> {
  let stdout = '';
  let stderr = '';
  const code = await runScanCommand(argv, { stdout: (text) => (stdout += text), stderr: (text) => (stderr += text), cwd }, factory);
  return { code, stdout, stderr };
}

/** The default factory, recording how many jobs it was asked for and what it made. */
function recordingFactory(): { factory: AnalyzerFactory; made: Array<{ jobs: number; pool: boolean }> } {
  const made: Array<{ jobs: number; pool: boolean }> = [];
  return {
    made,
    factory: (jobs) => {
      const analyzer = scanAnalyzerFactory(jobs);
      made.push({ jobs, pool: analyzer instanceof AnalysisPool });
      return analyzer;
    },
  };
}

const MANY_FILES = 5;

let root: string;
before(() => {
  root = mkdtempSync(path.join(os.tmpdir(), 'statecraft-jobs-'));
  // The analyzer's fixtures in eight languages (findings and look-alikes), plus a two-module session store.
  cpSync(path.join(__dirname, '..', 'fixtures', 'analyzer'), path.join(root, 'fixtures'), { recursive: true });
  mkdirSync(path.join(root, 'web'));
  writeFileSync(path.join(root, 'web', 'app.js'), "const session = require('express-session');\nconst store = require('./sessionStore');\napp.use(session({ store, secret: 's' }));\n");
  writeFileSync(path.join(root, 'web', 'sessionStore.js'), "const session = require('express-session');\nmodule.exports = new session.MemoryStore();\n");
  mkdirSync(path.join(root, 'many'));
  for (let index = 0; index < MANY_FILES; index++) writeFileSync(path.join(root, 'many', `m${index}.js`), `module.exports = ${index};\n`);
});
after(() => rmSync(root, { recursive: true, force: true }));

describe('statecraft scan --jobs', () => {
  test('--jobs 1 (main thread) and --jobs 3 (three worker threads) report the same JSON', async () => {
    const one = recordingFactory();
    const three = recordingFactory();
    const single = await scan(root, ['.', '--format', 'json', '--jobs', '1'], one.factory);
    const pooled = await scan(root, ['.', '--format', 'json', '--jobs=3'], three.factory);
    assert.deepEqual(one.made, [{ jobs: 1, pool: false }]);
    assert.deepEqual(three.made, [{ jobs: 3, pool: true }]);
    assert.equal(single.code, 1);
    assert.equal(pooled.code, single.code);
    assert.equal(pooled.stdout, single.stdout);
    const findings = JSON.parse(single.stdout) as Array<{ file: string; rule: string; line: number }>;
    const files = new Set(findings.map((finding) => finding.file.split('/')[1]));
    assert.ok(files.size >= 6, `findings in several languages: ${[...files].join(', ')}`);
    // Found only by reading the other module: through `readRelated`, by message from a worker.
    assert.ok(findings.some((finding) => finding.file === 'web/app.js' && finding.rule === 'session-store-in-memory' && finding.line === 3));
    // The same files were skipped, with the same messages (their order may differ: files finish in any order).
    assert.deepEqual(pooled.stderr.split('\n').sort(), single.stderr.split('\n').sort());
  });

  test('no more workers than files, and one file is analysed on the main thread', async () => {
    const recorded = recordingFactory();
    const run = await scan(root, [path.join('web', 'app.js'), path.join('web', 'sessionStore.js'), '--jobs', '8', '--format', 'json'], recorded.factory);
    assert.equal(run.code, 1, run.stderr);
    assert.deepEqual(recorded.made, [{ jobs: 2, pool: true }]);
    const alone = recordingFactory();
    await scan(root, [path.join('web', 'app.js'), '--jobs', '8'], alone.factory);
    assert.deepEqual(alone.made, [{ jobs: 1, pool: false }]);
  });

  test('the default and --jobs auto are one job per core', async () => {
    const byDefault = recordingFactory();
    const auto = recordingFactory();
    await scan(root, ['many', '--format', 'json'], byDefault.factory);
    await scan(root, ['many', '--format', 'json', '--jobs', 'auto'], auto.factory);
    const expected = Math.min(os.availableParallelism(), MANY_FILES);
    assert.equal(byDefault.made[0].jobs, expected);
    assert.deepEqual(auto.made, byDefault.made);
  });

  for (const bad of [['--jobs', '0'], ['--jobs', 'x'], ['--jobs', '1.5'], ['--jobs=-2'], ['--jobs']]) {
    test(`usage error for ${bad.join(' ')}`, async () => {
      const recorded = recordingFactory();
      const run = await scan(root, ['.', ...bad], recorded.factory);
      assert.equal(run.code, 2);
      assert.equal(run.stdout, '');
      assert.match(run.stderr, /"--jobs"/);
      assert.match(run.stderr, /usage: statecraft scan/);
      assert.deepEqual(recorded.made, [], 'nothing was analysed');
    });
  }
});
