import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import {
  INPUT_IDS,
  PLACEMENTS,
  PLACEMENT_RANK,
  recommend,
  validateInputs,
  type Inputs,
  type Loss,
  type Placement,
  type Recommendation,
  type Runtime,
  type YesNo,
} from '../../src/core/wizard/decisionEngine';
import { inputs } from '../shared/wizardInputs';
import { LATENCY_NOTE_LINK, PLACEMENT_TIERS, latencyFigures } from '../../src/core/wizard/latencyFigures';


function fitsOf(rec: Recommendation): Record<Placement, boolean> {
  return Object.fromEntries(rec.alternatives.map((a) => [a.placement, a.fits])) as Record<Placement, boolean>;
}

function reason(rec: Recommendation, input: keyof Inputs): string {
  return rec.reasons.find((r) => r.input === input)?.text ?? '';
}

function why(rec: Recommendation, p: Placement): string {
  return rec.alternatives.find((a) => a.placement === p)?.why ?? '';
}

void describe('latency figures', () => {
  void test('match the shared table of the brief exactly', () => {
    assert.deepEqual(
      PLACEMENT_TIERS.map((t) => [t, latencyFigures()[t].perAccessMs.low, latencyFigures()[t].perAccessMs.high]),
      [
        ['in-process', 0.0001, 0.001],
        ['client-carried', 0.001, 0.05],
        ['redis', 1, 5],
        ['database', 5, 20],
      ],
    );
    assert.deepEqual(latencyFigures()['same-datacenter-round-trip'].perAccessMs, { low: 0.5, high: 0.5 });
    assert.deepEqual(latencyFigures()['cross-region'].perAccessMs, { low: 150, high: 150 });
    assert.equal(LATENCY_NOTE_LINK, 'latency-numbers#the-figures');
    for (const figure of Object.values(latencyFigures())) {
      for (const s of figure.sources) assert.match(s.url, /^https:\/\//);
    }
  });
});

void describe('recommend: table of cases', () => {
  const cases: { name: string; in: Inputs; placement: Placement; fits: Record<Placement, boolean>; store?: 'redis' | 'database' }[] = [
    {
      name: 'stateless: small unshared state the client can carry, on servers',
      in: inputs(20, 1, 4, 'server', 'acceptable', 'no', 'yes'),
      placement: 'stateless',
      fits: { stateless: true, externalized: true, 'in-process-cache': true, 'stateful-sticky': true },
    },
    {
      name: 'stateless: serverless, must survive restarts, budget exactly the token high total',
      in: inputs(0.1, 2, 1, 'serverless', 'none', 'no', 'yes'),
      placement: 'stateless',
      // A cache of state that must survive fronts a durable store; its write-through round trip (up to 5 ms) is over.
      fits: { stateless: true, externalized: false, 'in-process-cache': false, 'stateful-sticky': false },
    },
    {
      name: 'externalized: login sessions in Redis (database too slow, nothing may be lost)',
      in: inputs(10, 1, 4, 'server', 'none', 'yes', 'no'),
      placement: 'externalized',
      fits: { stateless: false, externalized: true, 'in-process-cache': false, 'stateful-sticky': false },
      store: 'redis',
    },
    {
      name: 'externalized: shopping cart in a database',
      in: inputs(50, 2, 6, 'server', 'none', 'yes', 'no'),
      placement: 'externalized',
      fits: { stateless: false, externalized: true, 'in-process-cache': false, 'stateful-sticky': false },
      store: 'database',
    },
    {
      name: 'externalized: serverless with shared writes',
      in: inputs(100, 5, 10, 'serverless', 'rebuildable', 'yes', 'yes'),
      placement: 'externalized',
      fits: { stateless: false, externalized: true, 'in-process-cache': false, 'stateful-sticky': false },
      store: 'redis',
    },
    {
      name: 'externalized, not in-process: unshared state on one server when the budget allows a network hop',
      in: inputs(20, 3, 1, 'server', 'acceptable', 'no', 'no'),
      placement: 'externalized',
      fits: { stateless: false, externalized: true, 'in-process-cache': true, 'stateful-sticky': true },
      store: 'redis',
    },
    {
      name: 'in-process-cache: feature flags read 20 times in 1 ms',
      in: inputs(1, 20, 10, 'server', 'rebuildable', 'no', 'no'),
      placement: 'in-process-cache',
      fits: { stateless: false, externalized: false, 'in-process-cache': true, 'stateful-sticky': true },
    },
    {
      name: 'in-process-cache: one instance may share through its own memory when the truth can be rebuilt',
      in: inputs(0.5, 1, 1, 'server', 'rebuildable', 'yes', 'no'),
      placement: 'in-process-cache',
      fits: { stateless: false, externalized: false, 'in-process-cache': true, 'stateful-sticky': true },
    },
    {
      name: 'in-process-cache in front of a durable store: 20 reads in 10 ms, nothing may be lost, one write-through round trip counted',
      in: inputs(10, 20, 4, 'server', 'none', 'no', 'no'),
      placement: 'in-process-cache',
      fits: { stateless: false, externalized: false, 'in-process-cache': true, 'stateful-sticky': false },
    },
    {
      name: 'stateful-sticky (issue 17): per-client game state read 30 times in 2 ms on 20 instances, loss acceptable, not shared',
      in: inputs(2, 30, 20, 'server', 'acceptable', 'no', 'no'),
      placement: 'stateful-sticky',
      fits: { stateless: false, externalized: false, 'in-process-cache': false, 'stateful-sticky': true },
    },
    {
      name: 'stateful-sticky: ephemeral state on one server under a store round trip: memory is the truth, nothing to route yet',
      in: inputs(1, 3, 1, 'server', 'acceptable', 'no', 'no'),
      placement: 'stateful-sticky',
      fits: { stateless: false, externalized: false, 'in-process-cache': false, 'stateful-sticky': true },
    },
    {
      name: 'in-process-cache: serverless, unshared, budget under a Redis round trip',
      in: inputs(0.5, 1, 10, 'serverless', 'rebuildable', 'no', 'no'),
      placement: 'in-process-cache',
      fits: { stateless: false, externalized: false, 'in-process-cache': true, 'stateful-sticky': false },
    },
    {
      name: 'stateful-sticky: chat connections shared across 8 instances in 1 ms',
      in: inputs(1, 5, 8, 'server', 'rebuildable', 'yes', 'no'),
      placement: 'stateful-sticky',
      fits: { stateless: false, externalized: false, 'in-process-cache': false, 'stateful-sticky': true },
    },
    {
      name: 'stateful-sticky: ephemeral shared counters with a 2 ms budget',
      in: inputs(2, 1, 3, 'server', 'acceptable', 'yes', 'yes'),
      placement: 'stateful-sticky',
      fits: { stateless: false, externalized: false, 'in-process-cache': false, 'stateful-sticky': true },
    },
  ];
  for (const c of cases) {
    void test(c.name, () => {
      const rec = recommend(c.in);
      assert.equal(rec.placement, c.placement);
      assert.equal(rec.feasible, true);
      assert.equal(rec.message, undefined);
      assert.deepEqual(fitsOf(rec), c.fits);
      assert.equal(rec.store, c.store ?? null);
      assert.ok(why(rec, c.placement).startsWith('fits (chosen): '), why(rec, c.placement));
    });
  }

  void test('stateless reasons and techniques name the signed token', () => {
    const rec = recommend(inputs(20, 1, 4, 'server', 'acceptable', 'no', 'yes'));
    assert.equal(
      reason(rec, 'clientCanCarry'),
      'clientCanCarry=yes: it can travel with each request as a signed cookie or token, leaving no server-side state.',
    );
    assert.equal(
      rec.headline,
      'Stateless: carry the state with each request as a signed token (client-carried token 0.001–0.05 ms × 1 = 0.001–0.05 ms), within the 20 ms budget.',
    );
    assert.equal(
      why(rec, 'externalized'),
      'fits, but stateless is preferred (nothing to store, replicate or route server-side): Redis is the source of truth: Redis 1–5 ms × 1 = 1–5 ms, within the 20 ms budget; a database (up to 20 ms) fits too',
    );
    assert.ok(rec.techniques[0].startsWith('Signed tokens: '));
    assert.deepEqual(rec.consequences.filter((c) => c.chosen).map((c) => c.approach), ['Fully stateless']);
  });

  void test('externalized reasons: loss=none and shared=yes with several instances', () => {
    const rec = recommend(inputs(10, 1, 4, 'server', 'none', 'yes', 'no'));
    assert.equal(
      reason(rec, 'loss'),
      'loss=none: the state must survive restarts, so process memory can never be its source of truth (rules out stateful-sticky); the truth lives in a durable store or travels with the client.',
    );
    assert.equal(
      why(rec, 'stateful-sticky'),
      'does not fit: loss=none: authoritative in-memory state is lost on a crash or deploy, and this state must survive restarts',
    );
    assert.equal(
      why(rec, 'in-process-cache'),
      "does not fit: shared=yes with 4 instances: each instance's cache is its own copy, and a write on one reaches the others only after an invalidation (pub/sub) or a TTL, so they read stale data in between",
    );
    assert.equal(
      rec.headline,
      'Externalized: keep the state in Redis with persistence (AOF) and a replica as the source of truth (Redis 1–5 ms × 1 = 1–5 ms), within the 10 ms budget.',
    );
    assert.deepEqual(rec.consequences.filter((c) => c.chosen).map((c) => c.approach), ['Externalised']);
  });

  void test('the latency arithmetic: per access × accesses, low and high, against the budget by the high total', () => {
    const rec = recommend(inputs(50, 2, 6, 'server', 'none', 'yes', 'no'));
    assert.deepEqual(
      rec.latency.map((l) => ({ tier: l.tier, per: l.perAccessMs, total: l.totalMs, budget: l.budgetMs, fits: l.fits })),
      [
        { tier: 'in-process', per: { low: 0.0001, high: 0.001 }, total: { low: 0.0002, high: 0.002 }, budget: 50, fits: true },
        { tier: 'client-carried', per: { low: 0.001, high: 0.05 }, total: { low: 0.002, high: 0.1 }, budget: 50, fits: true },
        { tier: 'redis', per: { low: 1, high: 5 }, total: { low: 2, high: 10 }, budget: 50, fits: true },
        { tier: 'database', per: { low: 5, high: 20 }, total: { low: 10, high: 40 }, budget: 50, fits: true },
      ],
    );
    assert.equal(
      rec.headline,
      'Externalized: keep the state in a database as the source of truth (database 5–20 ms × 2 = 10–40 ms), within the 50 ms budget.',
    );
  });

  void test('a high total just over the budget does not fit even when the low total does', () => {
    const rec = recommend(inputs(4.99, 1, 4, 'server', 'none', 'yes', 'no'));
    assert.equal(rec.latency.find((l) => l.tier === 'redis')?.fits, false);
    assert.equal(rec.feasible, false);
  });

  void test('stateful-sticky reasons and techniques: routing by key', () => {
    const rec = recommend(inputs(1, 5, 8, 'server', 'rebuildable', 'yes', 'no'));
    assert.equal(
      reason(rec, 'shared'),
      'shared=yes with 8 instances: a write must be seen by other instances right away, so per-instance copies (an in-process cache goes stale until invalidation or TTL) and client-carried copies (seen only by requests that carry them) do not work; only a shared store, or one owner per key (consistent hashing), does.',
    );
    assert.equal(why(rec, 'externalized'), 'does not fit: Redis 1–5 ms × 5 = 5–25 ms, over the 1 ms budget');
    assert.ok(rec.techniques[0].startsWith('Consistent hashing'));
    assert.deepEqual(rec.consequences.filter((c) => c.chosen).map((c) => c.approach), ['Stateful']);
    assert.deepEqual(rec.notes, [
      'state-placement-guide',
      'statelessness-and-state-management',
      'latency-numbers',
      'sticky-sessions',
      'consistent-hashing',
      'stateful-connections',
      'graceful-shutdown',
    ]);
  });

  void test('in-process-cache reasons: the preferred in-memory form, stateful-sticky explained as second', () => {
    const rec = recommend(inputs(1, 20, 10, 'server', 'rebuildable', 'no', 'no'));
    assert.equal(
      reason(rec, 'accessesPerRequest'),
      '20 accesses per request multiply every per-access cost: in-process memory 0.0001–0.001 ms × 20 = 0.002–0.02 ms.',
    );
    assert.ok(why(rec, 'stateful-sticky').startsWith('fits, but in-process-cache is preferred (same memory speed'));
    assert.deepEqual(rec.consequences.filter((c) => c.chosen).map((c) => c.approach), ['Externalised']);
  });

  void test('batching is suggested when one Redis round trip would fit but several do not', () => {
    const rec = recommend(inputs(6, 5, 4, 'server', 'rebuildable', 'yes', 'no'));
    assert.equal(rec.placement, 'stateful-sticky');
    assert.equal(
      reason(rec, 'accessesPerRequest'),
      '5 accesses per request multiply every per-access cost: in-process memory 0.0001–0.001 ms × 5 = 0.0005–0.005 ms. Batching them into one round trip (MGET, pipelining, one query) would bring Redis to 1–5 ms, within the budget.',
    );
  });

  void test('serverless is noted in the notes list', () => {
    assert.ok(recommend(inputs(0.5, 1, 10, 'serverless', 'rebuildable', 'no', 'no')).notes.includes('serverless-state'));
  });

  void test('every recommendation has one reason per input, in input order, and all four alternatives', () => {
    const rec = recommend(inputs(10, 1, 4, 'server', 'none', 'yes', 'no'));
    assert.deepEqual(rec.reasons.map((r) => r.input), INPUT_IDS);
    assert.deepEqual(rec.alternatives.map((a) => a.placement), PLACEMENTS);
  });
});

void describe('recommend: infeasible budgets', () => {
  void test('even in-process memory exceeds the budget', () => {
    const rec = recommend(inputs(0.01, 20, 10, 'server', 'rebuildable', 'no', 'no'));
    assert.equal(rec.feasible, false);
    assert.equal(rec.placement, 'in-process-cache');
    assert.equal(
      rec.message,
      'Even in-process memory costs up to 0.02 ms for 20 accesses, over the 0.01 ms budget: no placement can meet it. Closest: in-process-cache (in-process memory 0.0001–0.001 ms × 20 = 0.002–0.02 ms); it fits with a budget of at least 0.02 ms.',
    );
    assert.equal(rec.headline, 'No placement fits the 0.01 ms budget with these answers; closest: in-process-cache.');
    assert.deepEqual(Object.values(fitsOf(rec)), [false, false, false, false]);
    assert.equal(
      why(rec, 'in-process-cache'),
      'does not fit (closest option): in-process memory 0.0001–0.001 ms × 20 = 0.002–0.02 ms, over the 0.01 ms budget',
    );
  });

  void test('nothing that satisfies loss=none and shared=yes fits: closest is the external store, with what would help', () => {
    const rec = recommend(inputs(3, 1, 10, 'server', 'none', 'yes', 'no'));
    assert.equal(rec.feasible, false);
    assert.equal(rec.placement, 'externalized');
    assert.equal(
      rec.message,
      'No placement that meets the answers fits the 3 ms budget: externalized needs up to 5 ms; stateless is ruled out by clientCanCarry=no and shared=yes; in-process-cache is ruled out by shared=yes; stateful-sticky is ruled out by loss=none. ' +
        'Closest: externalized (Redis 1–5 ms × 1 = 1–5 ms); it fits with a budget of at least 5 ms. ' +
        'With clientCanCarry=yes and shared=no, stateless (up to 0.05 ms) would fit. ' +
        // Not in-process-cache: without shared=yes it would still front the durable store, up to 5.001 ms.
        'With loss=rebuildable, stateful-sticky (up to 0.001 ms) would fit.',
    );
  });

  void test('serverless with shared writes and several accesses: closest is the store, batching named', () => {
    const rec = recommend(inputs(10, 5, 20, 'serverless', 'acceptable', 'yes', 'no'));
    assert.equal(rec.feasible, false);
    assert.equal(rec.placement, 'externalized');
    assert.ok(
      rec.message?.includes('it fits with a budget of at least 25 ms, or 5 ms if the 5 accesses are batched into one round trip.'),
      rec.message,
    );
    assert.ok(rec.message?.includes('With runtime=server, stateful-sticky (up to 0.005 ms) would fit.'), rec.message);
  });
});

void describe('validateInputs', () => {
  const good = { latencyBudgetMs: 10, accessesPerRequest: 1, instances: 4, runtime: 'server', loss: 'none', shared: 'yes', clientCanCarry: 'no' };

  void test('accepts numbers as numbers or decimal text and picks in any case, trimmed', () => {
    const result = validateInputs({ ...good, latencyBudgetMs: ' 2.5 ', instances: '3', runtime: ' Serverless ' });
    assert.deepEqual(result, { ok: true, inputs: { ...good, latencyBudgetMs: 2.5, instances: 3, runtime: 'serverless' } });
  });

  const messages: [string, Record<string, unknown>, { input: string; message: string }[]][] = [
    ['not a number', { latencyBudgetMs: 'abc' }, [{ input: 'latencyBudgetMs', message: 'latencyBudgetMs must be a number greater than 0 (got "abc")' }]],
    ['zero', { latencyBudgetMs: 0 }, [{ input: 'latencyBudgetMs', message: 'latencyBudgetMs must be a number greater than 0 (got 0)' }]],
    ['negative text', { latencyBudgetMs: '-5' }, [{ input: 'latencyBudgetMs', message: 'latencyBudgetMs must be a number greater than 0 (got -5)' }]],
    ['NaN', { latencyBudgetMs: Number.NaN }, [{ input: 'latencyBudgetMs', message: 'latencyBudgetMs must be a number greater than 0 (got NaN)' }]],
    ['hex text', { latencyBudgetMs: '0x10' }, [{ input: 'latencyBudgetMs', message: 'latencyBudgetMs must be a number greater than 0 (got "0x10")' }]],
    [
      'absurd budget',
      { latencyBudgetMs: 5_000_000 },
      [{ input: 'latencyBudgetMs', message: 'latencyBudgetMs must be at most 3600000 ms, one hour (got 5000000)' }],
    ],
    [
      'fractional accesses',
      { accessesPerRequest: 2.5 },
      [{ input: 'accessesPerRequest', message: 'accessesPerRequest must be a whole number of at least 1 (got 2.5)' }],
    ],
    ['zero instances', { instances: '0' }, [{ input: 'instances', message: 'instances must be a whole number of at least 1 (got 0)' }]],
    ['absurd instances', { instances: 200_000 }, [{ input: 'instances', message: 'instances must be at most 100000 (got 200000)' }]],
    [
      'absurd accesses',
      { accessesPerRequest: 1_000_000 },
      [{ input: 'accessesPerRequest', message: 'accessesPerRequest must be at most 100000 (got 1000000)' }],
    ],
    ['unknown runtime', { runtime: 'lambda' }, [{ input: 'runtime', message: 'runtime must be one of server, serverless (got "lambda")' }]],
    ['boolean for a pick', { shared: true }, [{ input: 'shared', message: 'shared must be one of yes, no (got true)' }]],
    ['missing loss', { loss: undefined }, [{ input: 'loss', message: 'loss is required: one of none, rebuildable, acceptable' }]],
    ['empty budget', { latencyBudgetMs: '' }, [{ input: 'latencyBudgetMs', message: 'latencyBudgetMs is required: a number greater than 0' }]],
    [
      'unknown key',
      { color: 'blue' },
      [
        {
          input: 'color',
          message: 'unknown input "color": expected one of latencyBudgetMs, accessesPerRequest, instances, runtime, loss, shared, clientCanCarry',
        },
      ],
    ],
  ];
  for (const [name, patch, errors] of messages) {
    void test(`rejects ${name} with an exact message`, () => {
      assert.deepEqual(validateInputs({ ...good, ...patch }), { ok: false, errors });
    });
  }

  void test('lists every problem, in input order', () => {
    const result = validateInputs({ latencyBudgetMs: 'x', runtime: 'vm' });
    assert.equal(result.ok, false);
    assert.deepEqual(
      result.ok ? [] : result.errors.map((e) => e.input),
      ['latencyBudgetMs', 'accessesPerRequest', 'instances', 'runtime', 'loss', 'shared', 'clientCanCarry'],
    );
  });

  void test('recommend refuses inputs that would not validate', () => {
    assert.throws(() => recommend({ ...(good as Inputs), instances: 0 }), {
      name: 'RangeError',
      message: 'instances must be a whole number of at least 1 (got 0)',
    });
  });
});

void describe('properties over the discretised input space', () => {
  const budgets = [0.01, 0.5, 1, 3, 5, 10, 20, 50, 100, 500];
  const accessCounts = [1, 2, 5, 20];
  const instanceCounts = [1, 2, 10];
  const runtimes: Runtime[] = ['server', 'serverless'];
  const losses: Loss[] = ['none', 'rebuildable', 'acceptable'];
  const yesNo: YesNo[] = ['yes', 'no'];

  /** Every combination, with budgets innermost so each run of 10 differs only in the budget. */
  const space: Inputs[] = [];
  for (const a of accessCounts)
    for (const i of instanceCounts)
      for (const r of runtimes)
        for (const l of losses)
          for (const s of yesNo)
            for (const c of yesNo) for (const b of budgets) space.push(inputs(b, a, i, r, l, s, c));
  const recs = new Map(space.map((inp) => [inp, recommend(inp)]));

  void test('the space has every combination', () => {
    assert.equal(space.length, 10 * 4 * 3 * 2 * 3 * 2 * 2);
  });

  void test('serverless never yields stateful-sticky', () => {
    const bad = space.filter((inp) => inp.runtime === 'serverless' && recs.get(inp)?.placement === 'stateful-sticky');
    assert.deepEqual(bad, []);
  });

  void test('loss=none never makes memory the source of truth (never stateful-sticky, not even as closest option)', () => {
    const bad = space.filter((inp) => inp.loss === 'none' && recs.get(inp)?.placement === 'stateful-sticky');
    assert.deepEqual(bad, []);
    const fitting = space.filter((inp) => inp.loss === 'none' && fitsOf(recs.get(inp)!)['stateful-sticky']);
    assert.deepEqual(fitting, []);
  });

  void test('raising the budget alone never moves the answer toward in-process state', () => {
    const violations: string[] = [];
    for (let start = 0; start < space.length; start += budgets.length) {
      let previous = Number.POSITIVE_INFINITY;
      for (let k = start; k < start + budgets.length; k++) {
        const rank = PLACEMENT_RANK[recs.get(space[k])!.placement];
        if (rank > previous) violations.push(JSON.stringify(space[k]));
        previous = rank;
      }
    }
    assert.deepEqual(violations, []);
  });

  void test('raising the budget alone never turns a feasible answer infeasible', () => {
    const violations: string[] = [];
    for (let start = 0; start < space.length; start += budgets.length) {
      for (let k = start + 1; k < start + budgets.length; k++) {
        if (recs.get(space[k - 1])!.feasible && !recs.get(space[k])!.feasible) violations.push(JSON.stringify(space[k]));
      }
    }
    assert.deepEqual(violations, []);
  });

  void test('state is pulled into the process only when latency demands it: if the store fits, the answer is not in-process', () => {
    const bad = space.filter((inp) => {
      const rec = recs.get(inp)!;
      return fitsOf(rec).externalized && PLACEMENT_RANK[rec.placement] > 0;
    });
    assert.deepEqual(bad, []);
  });

  void test('instances=1 yields stateful-sticky only when memory is the source of truth (loss=acceptable): with loss=rebuildable the cache wins', () => {
    const bad = space.filter((inp) => inp.instances === 1 && inp.loss !== 'acceptable' && recs.get(inp)?.placement === 'stateful-sticky');
    assert.deepEqual(bad, []);
    assert.ok(space.some((inp) => inp.instances === 1 && recs.get(inp)?.placement === 'stateful-sticky'), 'the case exists in the space');
  });

  void test('an in-process cache always has a source of truth: rebuildable, or a store whose round trip is in its arithmetic', () => {
    const bad = space.filter((inp) => {
      const rec = recs.get(inp)!;
      return rec.placement === 'in-process-cache' && rec.feasible && inp.loss !== 'rebuildable' && !why(rec, 'in-process-cache').includes('+ one Redis round trip');
    });
    assert.deepEqual(bad, []);
  });

  void test('the accepted seed row matches the placement: Stateful exactly for stateful-sticky, never Externalised for memory as the truth', () => {
    const expected: Record<Placement, string> = { stateless: 'Fully stateless', externalized: 'Externalised', 'in-process-cache': 'Externalised', 'stateful-sticky': 'Stateful' };
    for (const [inp, rec] of recs) {
      assert.deepEqual(rec.consequences.filter((c) => c.chosen).map((c) => c.approach), [expected[rec.placement]], JSON.stringify(inp));
    }
  });

  void test('pub/sub is suggested only where another instance reads the state', () => {
    const bad = space.filter((inp) => {
      const rec = recs.get(inp)!;
      const pubsub = rec.techniques.some((t) => /pub\/sub/i.test(t));
      const othersRead = rec.placement === 'in-process-cache' ? inp.instances > 1 || inp.runtime === 'serverless' : inp.shared === 'yes' && inp.instances > 1;
      return pubsub && !othersRead;
    });
    assert.deepEqual(bad, []);
  });

  void test('instances=1 on a server: shared changes neither in-process option, nor the answer when the client cannot carry it', () => {
    const violations: string[] = [];
    for (const inp of space) {
      if (inp.instances !== 1 || inp.runtime !== 'server' || inp.shared !== 'yes') continue;
      const yes = recs.get(inp)!;
      const no = recommend({ ...inp, shared: 'no' });
      for (const p of ['in-process-cache', 'stateful-sticky'] as const) {
        if (fitsOf(yes)[p] !== fitsOf(no)[p]) violations.push(`${p} ${JSON.stringify(inp)}`);
      }
      if (inp.clientCanCarry === 'no' && yes.placement !== no.placement) violations.push(`placement ${JSON.stringify(inp)}`);
    }
    assert.deepEqual(violations, []);
  });

  void test('clientCanCarry=yes with no sharing need: stateless whenever the token cost fits', () => {
    const violations = space.filter((inp) => {
      const tokenFits = 0.05 * inp.accessesPerRequest <= inp.latencyBudgetMs;
      return inp.clientCanCarry === 'yes' && inp.shared === 'no' && tokenFits && recs.get(inp)?.placement !== 'stateless';
    });
    assert.deepEqual(violations, []);
  });

  void test('shared=yes with more than one copy of the process: never a per-instance cache or a client-carried copy', () => {
    const bad = space.filter((inp) => {
      const rec = recs.get(inp)!;
      const multi = inp.instances > 1 || inp.runtime === 'serverless';
      return inp.shared === 'yes' && multi && (fitsOf(rec)['in-process-cache'] || fitsOf(rec).stateless);
    });
    assert.deepEqual(bad, []);
  });

  void test('the chosen placement is the first fitting one in preference order; feasible exactly when one fits', () => {
    for (const [inp, rec] of recs) {
      const firstFit = rec.alternatives.find((a) => a.fits);
      assert.equal(rec.feasible, firstFit !== undefined, JSON.stringify(inp));
      if (firstFit) assert.equal(rec.placement, firstFit.placement, JSON.stringify(inp));
      assert.equal(rec.message === undefined, rec.feasible, JSON.stringify(inp));
    }
  });

  void test('an infeasible answer names a closest option that only the budget rules out', () => {
    for (const [inp, rec] of recs) {
      if (rec.feasible) continue;
      assert.match(why(rec, rec.placement), /^does not fit \(closest option\): [^;]+, over the [\d.]+ ms budget$/, JSON.stringify(inp));
      assert.match(rec.message ?? '', new RegExp(`Closest: ${rec.placement} \\(`), JSON.stringify(inp));
    }
  });

  void test('externalized is never ruled out by an answer: it fits exactly when Redis fits the budget', () => {
    for (const [inp, rec] of recs) {
      const redis = rec.latency.find((l) => l.tier === 'redis')!;
      assert.equal(fitsOf(rec).externalized, redis.fits, JSON.stringify(inp));
    }
  });

  void test('latency lines are per access × accesses and fit by the high total', () => {
    for (const [inp, rec] of recs) {
      for (const line of rec.latency) {
        const per = latencyFigures()[line.tier].perAccessMs;
        assert.ok(Math.abs(line.totalMs.high - per.high * inp.accessesPerRequest) < 1e-9);
        assert.ok(Math.abs(line.totalMs.low - per.low * inp.accessesPerRequest) < 1e-9);
        assert.equal(line.fits, line.totalMs.high <= inp.latencyBudgetMs);
      }
    }
  });

  void test('deterministic: the same inputs give the same JSON', () => {
    for (const [inp, rec] of recs) assert.equal(JSON.stringify(recommend({ ...inp })), JSON.stringify(rec));
  });

  void test('exactly one seed row is marked and every answer has one reason', () => {
    for (const rec of recs.values()) {
      assert.equal(rec.consequences.filter((c) => c.chosen).length, 1);
      assert.deepEqual(rec.reasons.map((r) => r.input), INPUT_IDS);
    }
  });
});
