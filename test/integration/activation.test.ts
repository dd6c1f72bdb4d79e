import * as assert from 'assert';
import * as vscode from 'vscode';
import { activateStatecraft, EXTENSION_ID } from './helpers';

suite('activation', () => {
  test('the extension activates and registers every contributed command', async () => {
    await activateStatecraft();
    const extension = vscode.extensions.getExtension(EXTENSION_ID)!;
    assert.strictEqual(extension.isActive, true);
    const contributed = (extension.packageJSON as { contributes: { commands: { command: string }[] } }).contributes.commands.map((c) => c.command);
    const registered = new Set(await vscode.commands.getCommands(true));
    const missing = contributed.filter((command) => !registered.has(command));
    assert.deepStrictEqual(missing, [], 'every command in package.json has a handler');
    assert.ok(contributed.length >= 15, `expected the full command set, got ${contributed.length}`);
  });
});
