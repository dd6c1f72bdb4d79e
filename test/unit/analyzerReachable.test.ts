// reachableFrom is the one call-graph walk every language's detectors use: breadth first, each item once, at most
// `depth` calls from an entry, the nearest path winning. Plain graphs here; the per-language tests cover the callees.

import assert from 'node:assert/strict';
import { test } from 'node:test';
import { HANDLER_CALL_DEPTH, reachableFrom } from '../../src/core/analyzer/syntax/reachable';

interface Item {
  readonly id: number;
  readonly from: string;
}

function graph(edges: Record<number, number[]>): (item: Item) => Item[] {
  return (item) => (edges[item.id] ?? []).map((id) => ({ id, from: item.from }));
}

test('reachableFrom: entries first, then breadth first, each item once even in a cycle', () => {
  const edges = { 1: [3, 2], 2: [4], 3: [4, 1], 4: [2] };
  const reached = reachableFrom([{ id: 1, from: 'a' }], graph(edges), HANDLER_CALL_DEPTH, (item) => item.id);
  assert.deepEqual(reached.map((item) => item.id), [1, 3, 2, 4]);
});

test('reachableFrom: stops `depth` calls away from the entries', () => {
  const chain = { 1: [2], 2: [3], 3: [4], 4: [5] };
  const ids = (depth: number) => reachableFrom([{ id: 1, from: 'a' }], graph(chain), depth, (item) => item.id).map((item) => item.id);
  assert.deepEqual(ids(0), [1]);
  assert.deepEqual(ids(2), [1, 2, 3]);
  assert.deepEqual(ids(HANDLER_CALL_DEPTH), [1, 2, 3, 4, 5]);
});

test('reachableFrom: an item reached from two entries keeps the nearest, and an entry stays its own', () => {
  const edges = { 1: [3], 2: [1, 3], 3: [4] };
  const reached = reachableFrom([{ id: 1, from: 'first' }, { id: 2, from: 'second' }], graph(edges), HANDLER_CALL_DEPTH, (item) => item.id);
  assert.deepEqual(reached.map((item) => `${item.id}<${item.from}`), ['1<first', '2<second', '3<first', '4<first']);
});
