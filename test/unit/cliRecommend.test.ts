import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { UsageError, type CliIo } from '../../src/cli/cliIo';
import { runRecommendCommand } from '../../src/cli/recommendCommand';
import { CART } from '../shared/wizardInputs';
import { recommend } from '../../src/core/wizard/decisionEngine';

function fakeIo(): CliIo & { out: string[]; err: string[] } {
  const out: string[] = [];
  const err: string[] = [];
  return { out, err, cwd: '/', stdout: (t) => out.push(t), stderr: (t) => err.push(t) };
}


const CART_ARGS = [
  '--latency-budget-ms',
  '50',
  '--accesses-per-request',
  '2',
  '--instances',
  '6',
  '--runtime',
  'server',
  '--loss',
  'none',
  '--shared',
  'yes',
  '--client-can-carry',
  'no',
];

function without(flag: string): string[] {
  const i = CART_ARGS.indexOf(flag);
  return [...CART_ARGS.slice(0, i), ...CART_ARGS.slice(i + 2)];
}

async function usageMessage(argv: string[]): Promise<{ message: string; out: string[] }> {
  const io = fakeIo();
  try {
    await runRecommendCommand(argv, io);
  } catch (e) {
    assert.ok(e instanceof UsageError, `expected a UsageError, got ${String(e)}`);
    return { message: e.message, out: io.out };
  }
  assert.fail('expected a UsageError');
}

void describe('statecraft recommend', () => {
  void test('--json prints the Recommendation: same answer as recommend() for the same inputs', async () => {
    const io = fakeIo();
    const code = await runRecommendCommand([...CART_ARGS, '--json'], io);
    assert.equal(code, 0);
    assert.equal(io.err.length, 0);
    const json = JSON.parse(io.out.join('')) as Record<string, unknown>;
    assert.deepEqual(json, JSON.parse(JSON.stringify(recommend(CART))));
    assert.equal(json.placement, 'externalized');
    assert.deepEqual(
      (json.alternatives as { placement: string; fits: boolean; why: string }[]).map((a) => [a.placement, a.fits, typeof a.why]),
      [
        ['stateless', false, 'string'],
        ['externalized', true, 'string'],
        ['in-process-cache', false, 'string'],
        ['stateful-sticky', false, 'string'],
      ],
    );
    for (const key of ['reasons', 'latency', 'notes']) assert.ok(Array.isArray(json[key]), key);
  });

  void test('accepts --flag=value and any flag order', async () => {
    const io = fakeIo();
    const argv = [
      '--json',
      '--client-can-carry=no',
      '--shared=yes',
      '--loss=none',
      '--runtime=server',
      '--instances=6',
      '--accesses-per-request=2',
      '--latency-budget-ms=50',
    ];
    assert.equal(await runRecommendCommand(argv, io), 0);
    assert.deepEqual(JSON.parse(io.out.join('')), JSON.parse(JSON.stringify(recommend(CART))));
  });

  void test('the default output is a readable report', async () => {
    const io = fakeIo();
    await runRecommendCommand(CART_ARGS, io);
    const lines = io.out.join('').split('\n');
    assert.equal(lines[0], 'Placement: externalized');
    assert.equal(lines[1], recommend(CART).headline);
    assert.ok(lines.includes('  * Externalised: scaling Near-trivial + store scales; failure recovery Service restarts OK; complexity Store becomes SPOF'));
    assert.ok(lines.includes('  database              5–20 ms           total 10–40 ms            fits'), lines.join('\n'));
  });

  void test('--adr prints a decision record dated by the injected clock', async () => {
    const io = fakeIo();
    await runRecommendCommand([...CART_ARGS, '--adr'], io, () => new Date(2025, 0, 5, 23, 59));
    const text = io.out.join('');
    assert.ok(text.startsWith('---\nstatus: accepted\ndate: 2025-01-05\nstate: other\nplacement: externalized\n'), text.slice(0, 120));
    const lines = text.slice(text.indexOf('\n# ') + 1).split('\n');
    assert.equal(lines[0], '# Keep service state externalized in a database');
    assert.equal(lines[3], '* Date: 2025-01-05');
  });

  void test('no placement fits: exit 1, the report says so and names the closest option', async () => {
    const io = fakeIo();
    const argv = CART_ARGS.map((a, i) => (CART_ARGS[i - 1] === '--latency-budget-ms' ? '3' : a));
    assert.equal(await runRecommendCommand(argv, io), 1);
    const text = io.out.join('');
    assert.ok(text.startsWith('Placement: externalized (closest; no placement fits)\n'));
    assert.ok(text.includes('\nNot feasible: No placement that meets the answers fits the 3 ms budget'));
  });

  void test('--help prints the usage line', async () => {
    const io = fakeIo();
    assert.equal(await runRecommendCommand(['--help'], io), 0);
    assert.match(io.out.join(''), /^usage: statecraft recommend --latency-budget-ms <n>/);
  });

  const usage: [string, string[], string][] = [
    ['a missing flag', without('--runtime'), '--runtime is required: one of server, serverless'],
    ['a missing number', without('--instances'), '--instances is required: a whole number of at least 1'],
    ['an invalid number', [...without('--latency-budget-ms'), '--latency-budget-ms', 'abc'], '--latency-budget-ms must be a number greater than 0 (got "abc")'],
    ['an absurd number', [...without('--instances'), '--instances', '1000000'], '--instances must be at most 100000 (got 1000000)'],
    ['an invalid pick', [...without('--loss'), '--loss', 'some'], '--loss must be one of none, rebuildable, acceptable (got "some")'],
    ['an unknown flag', [...CART_ARGS, '--colour', 'blue'], 'unknown flag --colour'],
    ['a stray argument', ['recommend', ...CART_ARGS], 'unexpected argument "recommend": every answer is a flag'],
    ['a flag without its value', [...without('--shared'), '--shared'], '--shared needs a value: one of yes, no'],
    ['a repeated flag', [...CART_ARGS, '--instances', '3'], '--instances is given more than once'],
    ['two output formats', [...CART_ARGS, '--json', '--adr'], '--json and --adr cannot be combined: pick one output'],
    ['a value on --json', [...CART_ARGS, '--json=yes'], '--json takes no value'],
  ];
  for (const [name, argv, first] of usage) {
    void test(`${name} is a UsageError naming the flag, with nothing on stdout`, async () => {
      const { message, out } = await usageMessage(argv);
      assert.equal(message.split('\n')[0], first);
      assert.match(message, /\nusage: statecraft recommend /);
      assert.deepEqual(out, []);
    });
  }

  void test('every problem is reported at once', async () => {
    const { message } = await usageMessage(['--runtime', 'vm']);
    assert.deepEqual(message.split('\n').slice(0, -1), [
      '--latency-budget-ms is required: a number greater than 0',
      '--accesses-per-request is required: a whole number of at least 1',
      '--instances is required: a whole number of at least 1',
      '--runtime must be one of server, serverless (got "vm")',
      '--loss is required: one of none, rebuildable, acceptable',
      '--shared is required: one of yes, no',
      '--client-can-carry is required: one of yes, no',
    ]);
  });
});
