import * as assert from 'assert';
import * as vscode from 'vscode';
import { ViewIds } from '../../src/vscode/commandIds';
import { activateStatecraft } from './helpers';

// Runs last: it tears the extension down.
suite('deactivation', () => {
  test('disposing what activate registered leaves no Statecraft command, view provider or lens behind', async () => {
    const api = await activateStatecraft();
    // Commands VS Code generates for our views (statecraft.notes.focus, ...) belong to the workbench, not to us.
    const viewPrefixes = Object.values(ViewIds).filter((id) => id !== ViewIds.container).map((id) => `${id}.`);
    const ours = (command: string) => command.startsWith('statecraft.') && !viewPrefixes.some((prefix) => command.startsWith(prefix));
    const before = (await vscode.commands.getCommands(true)).filter(ours);
    assert.ok(before.length >= 15, `commands registered before: ${before.length}`);
    api.disposeAll();
    const after = new Set(await vscode.commands.getCommands(true));
    const left = before.filter((command) => after.has(command));
    assert.deepStrictEqual(left, [], 'every command registration was owned by context.subscriptions');
  });
});
