// The core/adapter boundary is a lint error, not a convention: these probes run the project's own ESLint
// configuration on core files that reach out of the core, and on one that stays inside.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { Linter } from 'eslint';
import tseslint from 'typescript-eslint';

const root = path.resolve(__dirname, '..', '..');

/** The rules eslint.config.mjs sets for src/core (no type information needed for no-restricted-imports). */
async function coreBoundaryConfig(): Promise<Linter.Config[]> {
  const { default: config } = (await import(path.join(root, 'eslint.config.mjs'))) as { default: Linter.Config[] };
  const core = config.filter((block) => Array.isArray(block.files) && block.files.includes('src/core/**/*.ts'));
  assert.equal(core.length, 1, 'eslint.config.mjs has one block for src/core');
  return [{ files: ['**/*.ts'], languageOptions: { parser: tseslint.parser as Linter.Parser } }, ...core];
}

async function restrictedImports(source: string, file = 'src/core/notes/boundaryProbe.ts'): Promise<string[]> {
  const messages = new Linter({ cwd: root }).verify(source, await coreBoundaryConfig(), file);
  const broken = messages.filter((message) => message.fatal);
  assert.deepEqual(broken, [], 'the probe parses');
  return messages.filter((message) => message.ruleId === 'no-restricted-imports').map((message) => message.message);
}

describe('lint: the core stays host-agnostic', () => {
  test('importing vscode or node:fs by name fires the rule', async () => {
    assert.equal((await restrictedImports("import * as vscode from 'vscode';\nimport { readFile } from 'node:fs/promises';\nexport const x = [vscode, readFile];\n")).length, 2);
  });

  test('relative imports into src/vscode, src/cli, cli.ts or extension.ts fire the rule', async () => {
    const probes = [
      "import { readSettings } from '../../vscode/settings';",
      "import { runScanCommand } from '../../cli/scanCommand';",
      "import { main } from '../../cli';",
      "import { activate } from '../../extension';",
    ];
    for (const probe of probes) {
      const messages = await restrictedImports(`${probe}\n`);
      assert.equal(messages.length, 1, probe);
      assert.match(messages[0], /must not import the adapters/);
    }
    assert.equal((await restrictedImports("import { x } from '../vscode/settings';\n", 'src/core/boundaryProbe.ts')).length, 1);
  });

  test('imports within the core pass', async () => {
    assert.deepEqual(await restrictedImports("import { slugify } from '../slug';\nimport { RULES } from '../analyzer/rules';\nimport l10n from '@vscode/l10n';\n"), []);
  });
});
