import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { classifyHref, parseNoteHref } from '../../src/core/notes/noteLinks';

describe('parseNoteHref', () => {
  test('accepts id.md and ./id.md, with an optional heading fragment', () => {
    assert.deepEqual(parseNoteHref('consistent-hashing.md'), { id: 'consistent-hashing' });
    assert.deepEqual(parseNoteHref('./consistent-hashing.md'), { id: 'consistent-hashing' });
    assert.deepEqual(parseNoteHref('latency-numbers.md#the-figures'), { id: 'latency-numbers', fragment: 'the-figures' });
    assert.deepEqual(parseNoteHref('./a.md#'), { id: 'a' });
    assert.deepEqual(parseNoteHref('a.md#%C3%BCber'), { id: 'a', fragment: 'über' });
  });

  test('rejects everything else', () => {
    for (const href of [
      'Consistent-Hashing.md',
      'consistent_hashing.md',
      '../consistent-hashing.md',
      'notes/consistent-hashing.md',
      '/consistent-hashing.md',
      'consistent-hashing.MD',
      'consistent-hashing.markdown',
      'consistent-hashing',
      'consistent-hashing.md?x=1',
      'https://example.com/a.md',
      '.md',
      'a.md#%E0%A4%A',
    ]) {
      assert.equal(parseNoteHref(href), undefined, href);
    }
  });
});

describe('classifyHref', () => {
  test('allows note links, in-page fragments and https URLs', () => {
    assert.deepEqual(classifyHref('a.md#b'), { kind: 'note', id: 'a', fragment: 'b' });
    assert.deepEqual(classifyHref('a.md'), { kind: 'note', id: 'a' });
    assert.deepEqual(classifyHref('#mechanism'), { kind: 'anchor', fragment: 'mechanism' });
    assert.deepEqual(classifyHref('HTTPS://Example.com/a b'), { kind: 'external', url: 'https://example.com/a%20b' });
  });

  test('blocks every other scheme and relative path, with a reason', () => {
    assert.deepEqual(classifyHref('http://example.com'), {
      kind: 'blocked',
      reason: 'link "http://example.com" uses http; only https links are allowed',
    });
    assert.deepEqual(classifyHref('Command:workbench.action.quit'), {
      kind: 'blocked',
      reason: 'link scheme "command:" is not allowed; use https://, #heading or other-id.md',
    });
    assert.deepEqual(classifyHref('#'), { kind: 'blocked', reason: 'in-page link "#" has no valid heading slug' });
    assert.deepEqual(classifyHref('https:example.com'), { kind: 'blocked', reason: '"https:example.com" is not a valid https URL' });
    for (const href of ['javascript:alert(1)', 'data:text/html,x', 'vbscript:x', 'file:///etc/passwd', 'vscode:extension/x', 'mailto:a@b.c', 'other.txt', '../a.md']) {
      assert.equal(classifyHref(href).kind, 'blocked', href);
    }
  });
});
