// The placement rules apart from their wording: each rule's codes and numbers (decide()), with the presets. The
// sentences are checked in decisionEngine.test.ts; a change of wording never touches this file.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { cacheSourceOf, constraintProblems, decide, factsOf, type Placement } from '../../src/core/wizard/placementRules';
import { presets } from '../../src/core/wizard/wizardMachine';
import { inputs } from '../shared/wizardInputs';

function problemCodes(p: Placement, ...args: Parameters<typeof inputs>): string[] {
  return constraintProblems(p, factsOf(inputs(...args))).map((problem) => `${problem.code} (${problem.relax})`);
}

void describe('rule 1: hard constraints, as codes with the answer that lifts them', () => {
  void test('stateless needs clientCanCarry=yes and shared=no', () => {
    assert.deepEqual(problemCodes('stateless', 10, 1, 4, 'server', 'none', 'yes', 'no'), ['client-cannot-carry (clientCanCarry=yes)', 'client-copy-unshared (shared=no)']);
    assert.deepEqual(problemCodes('stateless', 10, 1, 4, 'server', 'none', 'no', 'yes'), []);
  });
  void test('in-process-cache cannot share writes when more than one copy of the process exists', () => {
    assert.deepEqual(problemCodes('in-process-cache', 10, 1, 4, 'server', 'rebuildable', 'yes', 'no'), ['per-instance-copy-stale (shared=no)']);
    assert.deepEqual(problemCodes('in-process-cache', 10, 1, 1, 'serverless', 'rebuildable', 'yes', 'no'), ['per-instance-copy-stale (shared=no)']);
    assert.deepEqual(problemCodes('in-process-cache', 10, 1, 1, 'server', 'rebuildable', 'yes', 'no'), []);
  });
  void test('stateful-sticky needs a server and loss other than none', () => {
    assert.deepEqual(problemCodes('stateful-sticky', 10, 1, 4, 'serverless', 'none', 'no', 'no'), ['serverless-cannot-route (runtime=server)', 'memory-lost-on-crash (loss=rebuildable)']);
    assert.deepEqual(problemCodes('stateful-sticky', 10, 1, 4, 'server', 'acceptable', 'no', 'no'), []);
  });
  void test('externalized meets every answer', () => {
    assert.deepEqual(problemCodes('externalized', 0.01, 20, 10, 'serverless', 'none', 'yes', 'no'), []);
  });
});

void describe('rule 2: an in-process cache is a copy of something', () => {
  void test('rebuildable state is refilled from its authoritative source: memory reads only', () => {
    const d = decide(inputs(1, 20, 10, 'server', 'rebuildable', 'no', 'no'));
    const cache = d.assessments.find((a) => a.placement === 'in-process-cache')!;
    assert.equal(cacheSourceOf(d.facts.inputs), 'authoritative-source');
    assert.equal(cache.cost.storeRoundTripMs, undefined);
    assert.deepEqual(cache.cost.totalMs, { low: 0.002, high: 0.02 });
  });
  for (const loss of ['none', 'acceptable'] as const) {
    void test(`loss=${loss}: the cache fronts a store, and a miss or write pays one Redis round trip`, () => {
      const d = decide(inputs(10, 20, 4, 'server', loss, 'no', 'no'));
      const cache = d.assessments.find((a) => a.placement === 'in-process-cache')!;
      assert.equal(cacheSourceOf(d.facts.inputs), 'fronted-store');
      assert.deepEqual(cache.cost.storeRoundTripMs, { low: 1, high: 5 });
      assert.deepEqual(cache.cost.totalMs, { low: 1.002, high: 5.02 });
      assert.equal(cache.fits, true);
    });
  }
  void test('issue 17: 30 reads in 2 ms on 20 instances, loss acceptable, not shared: stateful-sticky, Stateful row', () => {
    const d = decide(inputs(2, 30, 20, 'server', 'acceptable', 'no', 'no'));
    assert.equal(d.chosen.placement, 'stateful-sticky');
    assert.equal(d.feasible, true);
    assert.equal(d.seedRow, 'stateful');
    assert.deepEqual(d.assessments.map((a) => [a.placement, a.fits, a.cost.totalMs.high]), [
      ['stateless', false, 1.5],
      ['externalized', false, 150],
      ['in-process-cache', false, 5.03],
      ['stateful-sticky', true, 0.03],
    ]);
    assert.deepEqual(d.techniques, ['consistent-hashing', 'load-balancer-affinity', 'accept-owner-loss', 'graceful-handoff', 'hot-keys']);
    assert.deepEqual(d.tradeOffs.bad, ['requires-routing', 'lost-on-crash-accepted', 'hot-key-load']);
  });
  void test('one server with ephemeral state under a store round trip: stateful-sticky with nothing to route', () => {
    const d = decide(inputs(1, 3, 1, 'server', 'acceptable', 'no', 'no'));
    assert.equal(d.chosen.placement, 'stateful-sticky');
    assert.deepEqual(d.techniques, ['accept-owner-loss']);
    assert.deepEqual(d.tradeOffs.bad, ['routing-on-scale-out', 'lost-on-crash-accepted']);
  });
});

void describe('rules 3 and 4: the budget by the high total, the preference order, the closest option', () => {
  void test('the first fitting placement wins; the store is a database when nothing may be lost and it fits', () => {
    const d = decide(inputs(50, 2, 6, 'server', 'none', 'yes', 'no'));
    assert.equal(d.chosen.placement, 'externalized');
    assert.equal(d.store, 'database');
    assert.deepEqual(d.serving.totalMs, { low: 10, high: 40 });
    assert.deepEqual(d.techniques, ['store-database', 'expiry-column', 'atomic-writes', 'store-failover', 'connection-pooling', 'batch-accesses']);
  });
  void test('nothing fits: the closest option is the one only the budget rules out, with the lowest high total', () => {
    const d = decide(inputs(3, 1, 10, 'server', 'none', 'yes', 'no'));
    assert.equal(d.feasible, false);
    assert.equal(d.chosen.placement, 'externalized');
    const d2 = decide(inputs(0.01, 20, 10, 'server', 'rebuildable', 'no', 'no'));
    assert.equal(d2.chosen.placement, 'in-process-cache');
  });
  void test('a cache never suggests invalidation fan-out on one server, and stateful-sticky fan-out only for shared state', () => {
    assert.ok(!decide(inputs(1, 20, 1, 'server', 'rebuildable', 'no', 'no')).techniques.includes('invalidation-fan-out'));
    assert.ok(decide(inputs(1, 20, 10, 'server', 'rebuildable', 'no', 'no')).techniques.includes('invalidation-fan-out'));
    assert.ok(!decide(inputs(2, 30, 20, 'server', 'acceptable', 'no', 'no')).techniques.includes('owner-fan-out'));
    assert.ok(decide(inputs(1, 5, 8, 'server', 'rebuildable', 'yes', 'no')).techniques.includes('owner-fan-out'));
  });
});

void describe('presets', () => {
  const expected: Record<string, [Placement, boolean, string]> = {
    'web-login-sessions': ['externalized', true, 'externalised'],
    'shopping-cart': ['externalized', true, 'externalised'],
    'game-or-chat-connections': ['stateful-sticky', true, 'stateful'],
    'rate-limiter-counters': ['externalized', true, 'externalised'],
    'feature-flags': ['in-process-cache', true, 'externalised'],
  };
  for (const preset of presets()) {
    void test(`${preset.id}: placement, feasibility and the accepted seed row`, () => {
      const d = decide(preset.inputs);
      assert.deepEqual([d.chosen.placement, d.feasible, d.seedRow], expected[preset.id]);
    });
  }
  void test('every preset is checked', () => assert.deepEqual(presets().map((p) => p.id).sort(), Object.keys(expected).sort()));
});
