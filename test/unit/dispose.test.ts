// The adapter's dispose helper: one failing disposable does not keep the others alive, and the failure surfaces.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { disposeAll } from '../../src/vscode/dispose';

function recorder(log: string[], name: string, error?: Error) {
  return {
    dispose() {
      log.push(name);
      if (error) throw error;
    },
  };
}

describe('disposeAll', () => {
  test('disposes every item in order and empties the array, so nothing is disposed twice', () => {
    const log: string[] = [];
    const items = [recorder(log, 'a'), recorder(log, 'b')];
    disposeAll(items);
    disposeAll(items);
    assert.deepEqual(log, ['a', 'b']);
    assert.equal(items.length, 0);
  });

  test('one throwing item: the rest are still disposed and its error is rethrown as it is', () => {
    const log: string[] = [];
    const boom = new Error('boom');
    assert.throws(() => disposeAll([recorder(log, 'a', boom), recorder(log, 'b')]), (error) => error === boom);
    assert.deepEqual(log, ['a', 'b']);
  });

  test('several throwing items: all are disposed and an AggregateError carries every error', () => {
    const log: string[] = [];
    const first = new Error('first');
    const second = new Error('second');
    assert.throws(
      () => disposeAll([recorder(log, 'a', first), recorder(log, 'b'), recorder(log, 'c', second)]),
      (error) => error instanceof AggregateError && error.errors[0] === first && error.errors[1] === second,
    );
    assert.deepEqual(log, ['a', 'b', 'c']);
  });
});
