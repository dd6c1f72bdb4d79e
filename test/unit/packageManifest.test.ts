// package.json is a contract with VS Code: these checks keep it in step with the code.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { analysedVscodeLanguageIds, analysisActivationEvents, FILE_KINDS, grammarFiles, grammarLocation } from '../../src/core/analyzer/languages';
import { CommandIds, InternalCommandIds, ViewIds } from '../../src/vscode/commandIds';
import { defaultSettings, SettingKeys } from '../../src/vscode/settingDefaults';

const root = path.resolve(__dirname, '..', '..');
const manifest = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8'));
const nls = JSON.parse(fs.readFileSync(path.join(root, 'package.nls.json'), 'utf8'));

describe('package.json', () => {
  test('every contributed command has a handler id in CommandIds, and every CommandIds entry is contributed', () => {
    const contributed = manifest.contributes.commands.map((c: { command: string }) => c.command).sort();
    assert.deepEqual(contributed, Object.values(CommandIds).sort());
  });

  test('internal commands are hidden from the Command Palette; public ones are not', () => {
    const hidden = manifest.contributes.menus.commandPalette.filter((m: { when: string }) => m.when === 'false').map((m: { command: string }) => m.command).sort();
    assert.deepEqual(hidden, [...InternalCommandIds].sort());
  });

  test('every view id used in menus and welcome content exists', () => {
    const views = manifest.contributes.views.statecraft.map((v: { id: string }) => v.id);
    assert.deepEqual(views.sort(), Object.entries(ViewIds).filter(([key]) => key !== 'container').map(([, id]) => id).sort());
    for (const item of manifest.contributes.menus['view/title']) {
      const view = /view == ([\w.]+)/.exec(item.when)?.[1];
      assert.ok(view && views.includes(view), `view/title entry for ${item.command} names an existing view`);
    }
    for (const welcome of manifest.contributes.viewsWelcome) assert.ok(views.includes(welcome.view));
    assert.equal(manifest.contributes.viewsContainers.activitybar[0].id, ViewIds.container);
  });

  test('settings in package.json match the typed defaults, key for key', () => {
    const properties = manifest.contributes.configuration.properties;
    const fromManifest = Object.fromEntries(Object.entries(properties).map(([key, value]) => [key, (value as { default: unknown }).default]));
    const fromCode = Object.fromEntries(Object.entries(SettingKeys).map(([name, key]) => [`statecraft.${key}`, defaultSettings[name as keyof typeof defaultSettings]]));
    assert.deepEqual(fromManifest, fromCode);
    for (const [key, value] of Object.entries(properties)) {
      assert.ok((value as { markdownDescription?: string }).markdownDescription, `${key} has a markdownDescription`);
    }
  });

  test('every %key% placeholder has an English string in package.nls.json', () => {
    const placeholders = [...JSON.stringify(manifest).matchAll(/"%([^%"]+)%"/g)].map((m) => m[1]);
    assert.ok(placeholders.length > 20);
    const missing = placeholders.filter((key) => typeof nls[key] !== 'string');
    assert.deepEqual(missing, []);
  });

  test('the CLI entry and the bundles are where the manifest says', () => {
    assert.equal(manifest.main, './dist/extension.js');
    assert.equal(manifest.bin.statecraft, './dist/cli.js');
    assert.equal(manifest.icon, 'media/icon.png');
  });

  test('the analysis activation events are exactly those of the file-kind table, and JSON models do not activate', () => {
    const fromManifest = manifest.activationEvents.filter((event: string) => event.startsWith('onLanguage:') || event.startsWith('workspaceContains:')).sort();
    assert.deepEqual(fromManifest, analysisActivationEvents().sort());
    // VS Code opens JSON models at start-up in nearly every workspace: activating on them put Statecraft's start in
    // the busiest moment of every window (bench: "Load Code" 0.5 s, event onLanguage:json).
    assert.ok(!fromManifest.includes('onLanguage:json') && !fromManifest.includes('onLanguage:jsonc'));
    assert.ok(fromManifest.includes('workspaceContains:**/azuredeploy*.json'));
    // Every other analysed language still activates the extension when a document of it opens.
    for (const language of analysedVscodeLanguageIds().filter((id) => id !== 'json' && id !== 'jsonc')) {
      assert.ok(fromManifest.includes(`onLanguage:${language}`), language);
    }
  });

  test('every grammar the file-kind table names ships where grammarLocation says (@vscode/tree-sitter-wasm or its own package)', () => {
    assert.ok(FILE_KINDS.length >= 9);
    for (const file of grammarFiles()) {
      const { packageName, folder } = grammarLocation(file);
      const shipped = new Set(fs.readdirSync(path.join(path.dirname(require.resolve(`${packageName}/package.json`)), folder)));
      assert.ok(shipped.has(file), `${file} is in ${packageName}/${folder}`);
    }
    assert.equal(grammarLocation('tree-sitter-hcl.wasm').packageName, '@tree-sitter-grammars/tree-sitter-hcl');
  });
});
