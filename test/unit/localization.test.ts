// The translation bundle is what translators receive: it must hold every message the code can show, and the
// pseudo-locale checks the other tests rely on must themselves be able to fail.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, test } from 'node:test';
import * as l10n from '@vscode/l10n';
import { extractBundle, untranslatedProse, usePseudoLocale } from './helpers/pseudoLocale';

const root = path.resolve(__dirname, '../..');

describe('localisation bundle', () => {
  test('l10n/bundle.l10n.json is current: it equals what `npm run l10n` extracts from src/', async () => {
    const checkedIn = JSON.parse(readFileSync(path.join(root, 'l10n/bundle.l10n.json'), 'utf8')) as Record<string, unknown>;
    const extracted = await extractBundle();
    const missing = Object.keys(extracted).filter((key) => !(key in checkedIn));
    const stale = Object.keys(checkedIn).filter((key) => !(key in extracted));
    assert.deepEqual({ missing, stale }, { missing: [], stale: [] }, 'run `npm run l10n` and commit l10n/bundle.l10n.json');
    assert.deepEqual(checkedIn, extracted);
  });

  test('package.json declares the bundle folder VS Code loads translations from', () => {
    const manifest = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8')) as { l10n?: string };
    assert.equal(manifest.l10n, './l10n');
  });

  test('the bundle holds messages from the core and from the adapter', async () => {
    const keys = Object.keys(await extractBundle());
    assert.ok(keys.length > 150, `only ${keys.length} messages extracted`);
    assert.ok(keys.includes('Open Note'), 'an adapter message (vscode.l10n.t)');
    assert.ok(keys.some((key) => key.startsWith('In-memory session store')), 'a core message (@vscode/l10n)');
  });
});

describe('pseudo-locale checks', () => {
  test('a message in the bundle comes back wrapped, with its values filled in; the English default returns after restore', async () => {
    const restore = usePseudoLocale();
    try {
      assert.equal(l10n.t('Open Note'), '⟪Open Note⟫');
      assert.equal(l10n.t('Not a message anywhere in src {0}', 1), 'Not a message anywhere in src 1');
    } finally {
      restore();
    }
    assert.equal(l10n.t('Open Note'), 'Open Note');
  });

  test('untranslatedProse finds prose outside the brackets and ignores code, values and nested messages', () => {
    assert.deepEqual(untranslatedProse('⟪Sessions ⟪live in memory here⟫ are lost⟫ `req.session.user = x` 42 ms, p99'), []);
    assert.deepEqual(untranslatedProse('⟪Translated.⟫ but this part was not'), ['but this part was not']);
    assert.deepEqual(untranslatedProse('Lost on restart, needs routing'), ['Lost on restart, needs routing']);
  });
});
