import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import {
  addBookmark, emptyProgress, isBookmarked, isStudied, markStudied, markUnstudied, migrateProgress, removeBookmark,
} from '../../src/core/progress/progressState';

const now = new Date('2026-11-26T10:00:00.000Z');

describe('progress state', () => {
  test('migrates the version 1 shape (arrays without dates) without losing any id', () => {
    const migrated = migrateProgress({ studied: ['replication', 'idempotency', 'replication'], bookmarked: ['sticky-sessions'] }, now);
    assert.deepEqual(migrated, {
      version: 2,
      studied: { replication: '2026-11-26T10:00:00.000Z', idempotency: '2026-11-26T10:00:00.000Z' },
      bookmarks: ['sticky-sessions'],
    });
  });

  test('keeps a version 2 value and drops only the entries it cannot read', () => {
    const stored = { version: 2, studied: { replication: '2026-01-01T00:00:00.000Z', broken: 42 }, bookmarks: ['a', 'a', 'b'] };
    assert.deepEqual(migrateProgress(stored, now), {
      version: 2,
      studied: { replication: '2026-01-01T00:00:00.000Z' },
      bookmarks: ['a', 'b'],
    });
  });

  test('unreadable values become empty progress', () => {
    for (const raw of [undefined, null, 'x', 3, [], { studied: 'nope' }]) {
      assert.deepEqual(migrateProgress(raw, now), emptyProgress);
    }
  });

  test('studied and bookmark changes are immutable and idempotent', () => {
    const studied = markStudied(emptyProgress, 'replication', now);
    assert.equal(isStudied(studied, 'replication'), true);
    assert.equal(isStudied(emptyProgress, 'replication'), false);
    assert.equal(markStudied(studied, 'replication', new Date(0)), studied);
    assert.equal(isStudied(markUnstudied(studied, 'replication'), 'replication'), false);
    const bookmarked = addBookmark(addBookmark(emptyProgress, 'a'), 'b');
    assert.deepEqual(bookmarked.bookmarks, ['b', 'a']);
    assert.equal(isBookmarked(removeBookmark(bookmarked, 'a'), 'a'), false);
    assert.deepEqual(removeBookmark(bookmarked, 'a').bookmarks, ['b']);
  });

  test('"toString" and other prototype names are not mistaken for studied notes', () => {
    assert.equal(isStudied(emptyProgress, 'toString'), false);
  });
});
