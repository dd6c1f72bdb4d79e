// `statecraft simulate` run in-process through the real dispatcher: the figures against the closed forms, and the
// usage errors (exit 2, a message naming the flag, nothing on stdout).
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { main } from '../../src/cli';
import { runCli } from './helpers/cliHarness';

const simulate = (...argv: string[]) => runCli((io) => main(['simulate', ...argv], io));

describe('statecraft simulate ring', () => {
  test('--json: one node added to 10 moves ≈ 10/11 under modulo and ≈ 1/11 on the ring, at 100,000 keys', async () => {
    const run = await simulate('ring', '--nodes', '10', '--add', '1', '--json');
    assert.equal(run.code, 0);
    assert.equal(run.stderr, '');
    const json = JSON.parse(run.stdout) as { keys: number; modulo: { moved: number }; ring: { moved: number; maxLoadRatio: number } };
    assert.equal(json.keys, 100_000);
    assert.ok(Math.abs(json.modulo.moved - 10 / 11) <= 0.03, `modulo ${json.modulo.moved}`);
    assert.ok(Math.abs(json.ring.moved - 1 / 11) <= 0.03, `ring ${json.ring.moved}`);
    assert.ok(json.ring.maxLoadRatio <= 1.5, `busiest ÷ mean ${json.ring.maxLoadRatio}`);
  });

  test('--remove 1 of 20: ≈ 19/20 under modulo, ≈ 1/20 on the ring', async () => {
    const run = await simulate('ring', '--nodes=20', '--remove=1', '--vnodes', '100', '--seed', '7', '--json');
    assert.equal(run.code, 0);
    const json = JSON.parse(run.stdout) as { nodesAfter: number; modulo: { moved: number }; ring: { moved: number } };
    assert.equal(json.nodesAfter, 19);
    assert.ok(Math.abs(json.modulo.moved - 19 / 20) <= 0.03, `modulo ${json.modulo.moved}`);
    assert.ok(Math.abs(json.ring.moved - 1 / 20) <= 0.03, `ring ${json.ring.moved}`);
  });

  test('the table prints both schemes with the theory beside them', async () => {
    const run = await simulate('ring', '--nodes', '10', '--keys', '20000');
    assert.equal(run.code, 0);
    assert.match(run.stdout, /^Ring: 10 to 11 nodes, 100 virtual nodes each, 20000 keys, seed 1$/m);
    assert.match(run.stdout, /^ {2}modulo +\d+\.\d% +90\.9% +\d\.\d\d$/m);
    assert.match(run.stdout, /^ {2}ring +\d+\.\d% +9\.1% +\d\.\d\d$/m);
  });

  for (const [argv, pattern] of [
    [[], /--nodes is required/],
    [['--nodes', 'ten'], /--nodes must be a whole number from 1 to 1000 \(got "ten"\)/],
    [['--nodes', '10', '--vnodes', '0'], /--vnodes must be a whole number/],
    [['--nodes', '10', '--keys', '2.5'], /--keys must be a whole number/],
    [['--nodes', '10', '--add', '1', '--remove', '1'], /--add and --remove cannot be combined/],
    [['--nodes', '3', '--remove', '3'], /--remove must be less than --nodes \(3\)/],
    [['--nodes', '3', '--colour', 'red'], /unknown flag --colour/],
    [['--nodes'], /--nodes needs a value/],
    [['--nodes', '3', '--nodes', '4'], /--nodes is given more than once/],
  ] as const) {
    test(`ring ${argv.join(' ') || '(no flags)'} exits 2 naming the flag, stdout empty`, async () => {
      const run = await simulate('ring', ...argv);
      assert.equal(run.code, 2);
      assert.equal(run.stdout, '');
      assert.match(run.stderr, pattern);
    });
  }
});

describe('statecraft simulate sticky', () => {
  test('--json: one of 4 failing loses ≈ 1/4 of in-memory sessions, none externalized; hit rate ≈ 1/4 without affinity', async () => {
    const run = await simulate('sticky', '--instances', '4', '--sessions', '100000', '--fail', '1', '--json');
    assert.equal(run.code, 0);
    assert.equal(run.stderr, '');
    const json = JSON.parse(run.stdout) as {
      failure: { inMemoryLostFraction: number; externalizedLost: number };
      hitRate: { affinity: number; noAffinity: number };
      rollingDeploy: { inMemoryLostFraction: number; externalizedLost: number };
      latency: { redis: { totalMs: { low: number; high: number } } };
    };
    assert.ok(Math.abs(json.failure.inMemoryLostFraction - 0.25) <= 0.03, `lost ${json.failure.inMemoryLostFraction}`);
    assert.equal(json.failure.externalizedLost, 0);
    assert.ok(Math.abs(json.hitRate.noAffinity - 0.25) <= 0.03, `hit rate ${json.hitRate.noAffinity}`);
    assert.equal(json.hitRate.affinity, 1);
    assert.equal(json.rollingDeploy.inMemoryLostFraction, 1);
    assert.equal(json.rollingDeploy.externalizedLost, 0);
    assert.deepEqual(json.latency.redis.totalMs, { low: 3, high: 15 });
  });

  test('the text report states losses and hit rates', async () => {
    const run = await simulate('sticky', '--instances', '5', '--sessions', '1000', '--fail', '2');
    assert.equal(run.code, 0);
    assert.match(run.stdout, /lost when 2 of 5 fail +\d+ \(\d+\.\d%\) +0/);
    assert.match(run.stdout, /theory 1\/N = 20\.0%/);
  });

  for (const [argv, pattern] of [
    [['--instances', '4', '--sessions', '10'], /--fail is required/],
    [['--instances', '4', '--sessions', '10', '--fail', '5'], /--fail cannot exceed --instances \(4\)/],
    [['--instances', '0', '--sessions', '10', '--fail', '0'], /--instances must be a whole number from 1 to 1000/],
    [['--instances', '4', '--sessions', '-3', '--fail', '0'], /--sessions needs a value|--sessions must be/],
    [['--instances', '4', '--sessions', '10', '--fail', '1', '--latency-budget-ms', 'soon'], /--latency-budget-ms must be a number greater than 0/],
  ] as const) {
    test(`sticky ${argv.join(' ')} exits 2 naming the flag, stdout empty`, async () => {
      const run = await simulate('sticky', ...argv);
      assert.equal(run.code, 2);
      assert.equal(run.stdout, '');
      assert.match(run.stderr, pattern);
    });
  }

  test('an unknown simulation exits 2', async () => {
    const run = await simulate('tornado');
    assert.equal(run.code, 2);
    assert.equal(run.stdout, '');
    assert.match(run.stderr, /unknown simulation "tornado": expected ring or sticky/);
  });
});
