// `statecraft scan` and `statecraft recommend` print their human-readable output through the translation bundle
// too: in the pseudo-locale, no prose of theirs may appear outside ⟪…⟫.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { runRecommendCommand } from '../../src/cli/recommendCommand';
import { runScanCommand } from '../../src/cli/scanCommand';
import { createAnalyzer } from '../../src/core/analyzer/analyzer';
import { nodeWasmLoader } from './analyzerHelpers';
import { runCli } from './helpers/cliHarness';
import { untranslatedProse, usePseudoLocale } from './helpers/pseudoLocale';

const EXPRESS_MEMORY = "const express = require('express');\nconst session = require('express-session');\nconst app = express();\napp.use(session({ secret: 's' }));\n";

describe('CLI output in the pseudo-locale', () => {
  let restore: () => void;
  let project: string;
  before(async () => {
    restore = usePseudoLocale();
    project = mkdtempSync(path.join(os.tmpdir(), 'statecraft-cli-l10n-'));
    writeFileSync(path.join(project, 'a.js'), EXPRESS_MEMORY);
    writeFileSync(path.join(project, 'b.js'), EXPRESS_MEMORY);
    writeFileSync(path.join(project, 'clean.js'), 'module.exports = 1;\n');
    writeFileSync(path.join(project, 'blob.js'), Buffer.from([0x63, 0x00, 0x01]));
  });
  after(() => {
    restore();
    rmSync(project, { recursive: true, force: true });
  });

  const scan = (argv: string[]) => runCli((io) => runScanCommand(argv, io, () => createAnalyzer(nodeWasmLoader)), project);

  test('scan: findings, the summary, skipped files and usage errors', async () => {
    const runs = [
      await scan(['.']),
      await scan(['clean.js']),
      await scan(['a.js']),
      await scan(['missing-folder']),
      await scan(['.', '--format', 'xml']),
      await scan(['.', '--max-bytes']),
      await scan(['.', '--bogus']),
      await scan(['--help']),
    ];
    assert.equal(runs[0].code, 1, runs[0].stderr);
    for (const run of runs) {
      const output = `${run.stdout}\n${run.stderr}`;
      assert.ok(output.includes('⟪'), output);
      assert.deepEqual(untranslatedProse(output), [], output);
    }
  });

  test('recommend: the text report (feasible and not) and flag errors', async () => {
    const flags = (budget: string) => ['--latency-budget-ms', budget, '--accesses-per-request', '2', '--instances', '6', '--runtime', 'server', '--loss', 'none', '--shared', 'yes', '--client-can-carry', 'no'];
    const runs = [
      await runCli((io) => runRecommendCommand(flags('50'), io)),
      await runCli((io) => runRecommendCommand(flags('0.001'), io)),
      await runCli((io) => runRecommendCommand(['--json', '--adr', '--instances', '--bogus', 'x'], io)),
      await runCli((io) => runRecommendCommand(['--help'], io)),
    ];
    assert.equal(runs[1].code, 1, 'a 1 µs budget fits nothing');
    for (const run of runs) {
      const output = `${run.stdout}\n${run.stderr}`;
      assert.ok(output.includes('⟪'), output);
      assert.deepEqual(untranslatedProse(output), [], output);
    }
  });
});
