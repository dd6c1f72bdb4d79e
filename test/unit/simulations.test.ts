// The simulations against their closed forms, at 100,000 keys / sessions, within ±0.03 as issue 18 asks.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { buildRing, expectedMoved, ringOwner, simulateRing } from '../../src/core/sim/ringSimulation';
import { simulateRouting } from '../../src/core/sim/routingSimulation';
import { hash32 } from '../../src/core/sim/seededHash';
import { stateLatency } from '../../src/core/sim/stateLatency';
import { recommend } from '../../src/core/wizard/decisionEngine';

const KEYS = 100_000;
const TOLERANCE = 0.03;

function near(actual: number, expected: number, what: string): void {
  assert.ok(Math.abs(actual - expected) <= TOLERANCE, `${what}: ${actual.toFixed(4)} is not within ±${TOLERANCE} of ${expected.toFixed(4)}`);
}

describe('closed forms', () => {
  test('one node added to N: N/(N+1) under modulo, 1/(N+1) on the ring; one of N removed: (N-1)/N and 1/N', () => {
    for (const n of [2, 3, 10, 50]) {
      assert.deepEqual(expectedMoved(n, n + 1), { modulo: 1 - 1 / (n + 1), ring: 1 / (n + 1) });
      const removed = expectedMoved(n, n - 1);
      assert.ok(Math.abs(removed.modulo - (n - 1) / n) < 1e-12 && Math.abs(removed.ring - 1 / n) < 1e-12, `remove one of ${n}`);
    }
    // 10 → 11 is the note's own example: about 91% of keys move under modulo.
    assert.equal(expectedMoved(10, 11).modulo.toFixed(3), '0.909');
    assert.deepEqual(expectedMoved(7, 7), { modulo: 0, ring: 0 });
  });
});

describe('simulateRing', () => {
  // The ring's moved fraction is the new (or departed) node's share of the circle, whose spread is about
  // 1/(N·√V): at 100 virtual nodes that is within ±0.03 from about 8 nodes up. Several seeds guard against luck.
  for (const nodes of [8, 10, 25, 50]) {
    test(`adding one node to ${nodes}, 100 virtual nodes, 100,000 keys`, () => {
      for (const seed of [1, 2]) {
        const result = simulateRing({ nodes, vnodes: 100, keys: KEYS, seed, change: { kind: 'add', count: 1 } });
        near(result.modulo.moved, nodes / (nodes + 1), `modulo, seed ${seed}`);
        near(result.ring.moved, 1 / (nodes + 1), `ring, seed ${seed}`);
        assert.ok(result.ring.maxLoadRatio <= 1.5, `busiest ÷ mean ${result.ring.maxLoadRatio} with 100 virtual nodes, seed ${seed}`);
        assert.equal(result.ring.loads.reduce((a, b) => a + b, 0), KEYS);
        assert.equal(result.ring.loads.length, nodes + 1);
      }
    });
    test(`removing one of ${nodes} nodes, 100 virtual nodes, 100,000 keys`, () => {
      for (const seed of [1, 2]) {
        const result = simulateRing({ nodes, vnodes: 100, keys: KEYS, seed, change: { kind: 'remove', count: 1 } });
        near(result.modulo.moved, (nodes - 1) / nodes, `modulo, seed ${seed}`);
        near(result.ring.moved, 1 / nodes, `ring, seed ${seed}`);
        assert.ok(result.ring.maxLoadRatio <= 1.5, `busiest ÷ mean ${result.ring.maxLoadRatio}, seed ${seed}`);
      }
    });
  }

  test('modulo matches its closed form for small clusters too (it has no placement noise)', () => {
    for (const nodes of [2, 3, 4, 5]) {
      near(simulateRing({ nodes, vnodes: 1, keys: KEYS, seed: 9, change: { kind: 'add', count: 1 } }).modulo.moved, nodes / (nodes + 1), `add to ${nodes}`);
      near(simulateRing({ nodes, vnodes: 1, keys: KEYS, seed: 9, change: { kind: 'remove', count: 1 } }).modulo.moved, (nodes - 1) / nodes, `remove from ${nodes}`);
    }
  });

  test('several nodes at once: A/(N+A) on the ring', () => {
    const result = simulateRing({ nodes: 10, vnodes: 100, keys: KEYS, seed: 4, change: { kind: 'add', count: 5 } });
    near(result.ring.moved, 5 / 15, 'ring');
    near(result.modulo.moved, result.expected.modulo, 'modulo');
  });

  test('on the ring, keys only move to a new node (adding) or away from a removed one (removing)', () => {
    const before = buildRing(10, 50, 3);
    const after = buildRing(11, 50, 3);
    for (let i = 0; i < 5_000; i++) {
      const h = hash32(`probe-${i}`, 3);
      const from = ringOwner(before, h);
      const to = ringOwner(after, h);
      if (from !== to) assert.equal(to, 10, `key ${i} moved from ${from} to ${to}, not to the new node`);
    }
  });

  test('more virtual nodes even out the load', () => {
    const ratio = (vnodes: number) => simulateRing({ nodes: 10, vnodes, keys: KEYS, seed: 5, change: { kind: 'none' } }).ring.maxLoadRatio;
    assert.ok(ratio(1) > ratio(200), `1 vnode: ${ratio(1)}, 200 vnodes: ${ratio(200)}`);
    assert.ok(ratio(1) > 1.5, 'one point per node is badly uneven');
  });

  test('no change moves nothing; the same seed gives the same result', () => {
    const input = { nodes: 6, vnodes: 40, keys: 2_000, seed: 11, change: { kind: 'none' } as const };
    const result = simulateRing(input);
    assert.equal(result.ring.movedKeys, 0);
    assert.equal(result.modulo.movedKeys, 0);
    assert.deepEqual(simulateRing(input), result);
    assert.notDeepEqual(simulateRing({ ...input, seed: 12 }).ring.loads, result.ring.loads);
  });
});

describe('simulateRouting', () => {
  test('without affinity an in-process cache hits about 1/N; with affinity every warm request hits', () => {
    for (const instances of [2, 4, 10]) {
      const result = simulateRouting({ instances, sessions: 10_000, fail: 0, requestsPerSession: 11, seed: 1 });
      near(result.hitRate.noAffinity, 1 / instances, `${instances} instances`);
      assert.equal(result.hitRate.affinity, 1);
      near(result.sessionMissWithoutAffinity, (instances - 1) / instances, `session misses, ${instances} instances`);
    }
  });

  test('a failure loses about F/N of in-memory sessions and none externalized', () => {
    for (const [instances, fail] of [[4, 1], [10, 3], [5, 5]] as const) {
      const result = simulateRouting({ instances, sessions: 100_000, fail, requestsPerSession: 2, seed: 2 });
      near(result.failure.inMemoryLostFraction, fail / instances, `${fail} of ${instances}`);
      assert.equal(result.failure.externalizedLost, 0);
      assert.equal(result.sessionsPerInstance.reduce((a, b) => a + b, 0), 100_000);
    }
  });

  test('a rolling deploy loses every in-memory session at least once, some twice, and no externalized one', () => {
    const result = simulateRouting({ instances: 4, sessions: 10_000, fail: 0, requestsPerSession: 2, seed: 3 });
    assert.equal(result.rollingDeploy.inMemoryLost, 10_000);
    assert.ok(result.rollingDeploy.inMemorySignOuts > 10_000, `${result.rollingDeploy.inMemorySignOuts} sign-outs`);
    assert.equal(result.rollingDeploy.externalizedLost, 0);
  });

  test('fail cannot exceed the instances', () => {
    assert.throws(() => simulateRouting({ instances: 2, sessions: 10, fail: 3, requestsPerSession: 2, seed: 1 }), RangeError);
  });
});

describe('stateLatency', () => {
  test('is the decision engine\'s own arithmetic, not a copy', () => {
    const lines = stateLatency(50, 3, 4);
    const engine = recommend({ latencyBudgetMs: 50, accessesPerRequest: 3, instances: 4, runtime: 'server', loss: 'none', shared: 'yes', clientCanCarry: 'no' }).latency;
    assert.deepEqual(lines.redis, engine.find((line) => line.tier === 'redis'));
    assert.deepEqual(lines.inProcess, engine.find((line) => line.tier === 'in-process'));
    assert.deepEqual(lines.redis.totalMs, { low: 3, high: 15 });
  });
});
