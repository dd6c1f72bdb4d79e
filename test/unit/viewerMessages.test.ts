import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { NavigationHistory, parseRecommendationMessage, parseViewerMessage, safeExternalUrl } from '../../src/core/render/viewerMessages';

describe('messages from the note viewer webview', () => {
  test('accepts exactly the typed commands with valid arguments', () => {
    assert.deepEqual(parseViewerMessage({ type: 'openNote', id: 'sticky-sessions', fragment: 'mechanism' }), { type: 'openNote', id: 'sticky-sessions', fragment: 'mechanism', toSide: false });
    assert.deepEqual(parseViewerMessage({ type: 'openNote', id: 'sticky-sessions', toSide: true }), { type: 'openNote', id: 'sticky-sessions', toSide: true });
    assert.deepEqual(parseViewerMessage({ type: 'setStudied', studied: true }), { type: 'setStudied', studied: true });
    assert.deepEqual(parseViewerMessage({ type: 'navigate', direction: 'back' }), { type: 'navigate', direction: 'back' });
    assert.deepEqual(parseViewerMessage({ type: 'openExternal', url: 'https://redis.io/docs/' }), { type: 'openExternal', url: 'https://redis.io/docs/' });
  });

  test('drops unknown commands and malformed arguments', () => {
    const rejected: unknown[] = [
      null, 'openNote', 42, {}, { type: 'runCommand', command: 'workbench.action.terminal.new' },
      { type: 'openNote', id: '../../etc/passwd' }, { type: 'openNote', id: 'Sticky' }, { type: 'openNote', id: 'a', fragment: '<img>' },
      { type: 'setStudied', studied: 'yes' }, { type: 'navigate', direction: 'sideways' },
      { type: 'openExternal', url: 'javascript:alert(1)' }, { type: 'openExternal', url: 'http://example.com' },
      { type: 'openExternal', url: 'command:workbench.action.terminal.new' }, { type: 'openExternal', url: 'data:text/html,<script>' },
      { type: 'openExternal', url: 'https://user:pass@example.com/' }, { type: 'openExternal', url: ' https://example.com' },
      { type: 'openExternal', url: 'vscode://statecraft.statecraft/note' }, { type: 'openExternal', url: 'file:///etc/passwd' },
    ];
    for (const raw of rejected) assert.equal(parseViewerMessage(raw), undefined, JSON.stringify(raw));
  });

  test('external URLs: https only, normalised', () => {
    assert.equal(safeExternalUrl('https://Example.com/a b'), undefined);
    assert.equal(safeExternalUrl('HTTPS://example.com/x'), 'https://example.com/x');
    assert.equal(safeExternalUrl(`https://example.com/${'a'.repeat(3000)}`), undefined);
  });

  test('the recommendation panel accepts its actions and note links only', () => {
    assert.deepEqual(parseRecommendationMessage({ type: 'saveDecisionRecord' }), { type: 'saveDecisionRecord' });
    assert.deepEqual(parseRecommendationMessage({ type: 'openNote', id: 'latency-numbers', fragment: 'the-figures' }), { type: 'openNote', id: 'latency-numbers', fragment: 'the-figures' });
    assert.equal(parseRecommendationMessage({ type: 'setStudied', studied: true }), undefined);
    assert.equal(parseRecommendationMessage({ type: 'openExternal', url: 'https://example.com' }), undefined);
  });
});

describe('viewer navigation history', () => {
  test('back and forward behave like a browser, and a visit drops the forward entries', () => {
    const history = new NavigationHistory<string>();
    assert.equal(history.back(), undefined);
    history.visit('a');
    history.visit('b');
    history.visit('c');
    assert.equal(history.back(), 'b');
    assert.equal(history.back(), 'a');
    assert.equal(history.canGoBack, false);
    assert.equal(history.forward(), 'b');
    history.visit('d');
    assert.equal(history.canGoForward, false);
    assert.equal(history.back(), 'b');
    assert.equal(history.current, 'b');
  });
});
