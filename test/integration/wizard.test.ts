import * as assert from 'assert';
import * as vscode from 'vscode';
import { recommend } from '../../src/core/wizard/decisionEngine';
import { activateStatecraft, waitFor, webviewTabLabels, workspaceUri } from './helpers';
import { LOGIN_SESSIONS } from '../shared/wizardInputs';

suite('decision wizard', () => {
  test('the result panel shows the engine recommendation for the answers', async () => {
    const api = await activateStatecraft();
    const shown = await (await api.wizard.panel()).show(LOGIN_SESSIONS);
    assert.deepStrictEqual(shown, recommend(LOGIN_SESSIONS));
    await waitFor('the State Placement panel', () => (webviewTabLabels().includes('State Placement') ? true : undefined));
  });

  test('Save as Decision Record writes the next free number and never overwrites', async () => {
    const api = await activateStatecraft();
    const folder = workspaceUri('docs', 'adr');
    await vscode.workspace.fs.createDirectory(folder);
    const existing = vscode.Uri.joinPath(folder, '0003-keep-existing.md');
    await vscode.workspace.fs.writeFile(existing, new TextEncoder().encode('# existing decision\n'));
    await (await api.wizard.panel()).show(LOGIN_SESSIONS);
    const written = await (await api.wizard.panel()).saveDecisionRecord();
    assert.ok(written, 'a file was written');
    assert.match(written.path, /\/docs\/adr\/0004-[a-z0-9-]+\.md$/);
    const text = new TextDecoder().decode(await vscode.workspace.fs.readFile(written));
    assert.match(text, /^# /m);
    assert.match(text, /Decision Outcome/);
    assert.strictEqual(new TextDecoder().decode(await vscode.workspace.fs.readFile(existing)), '# existing decision\n', 'the existing record is untouched');
    const second = await (await api.wizard.panel()).saveDecisionRecord();
    assert.ok(second);
    assert.match(second.path, /\/0005-/);
  });

  test('the wizard command is reachable from the palette with the right title', async () => {
    await activateStatecraft();
    const commands = await vscode.commands.getCommands(true);
    assert.ok(commands.includes('statecraft.recommendPlacement'));
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });
});

suite('decision records when the folder cannot be written', () => {
  test('a failed write says so and writes nothing', async () => {
    const api = await activateStatecraft();
    // Root ignores file permissions, so block the folder by putting a file where a folder must go.
    const blocker = workspaceUri('docs', 'blocked');
    await vscode.workspace.fs.writeFile(blocker, new TextEncoder().encode('not a folder'));
    const settings = vscode.workspace.getConfiguration('statecraft');
    await settings.update('decisions.folder', 'docs/blocked/adr', vscode.ConfigurationTarget.Workspace);
    try {
      await (await api.wizard.panel()).show(LOGIN_SESSIONS);
      const written = await (await api.wizard.panel()).saveDecisionRecord();
      assert.strictEqual(written, undefined);
      assert.match((await api.wizard.panel()).lastError ?? '', /could not save the decision record: .*blocked/, 'the message names the problem and the path');
      assert.strictEqual(new TextDecoder().decode(await vscode.workspace.fs.readFile(blocker)), 'not a folder');
    } finally {
      await settings.update('decisions.folder', undefined, vscode.ConfigurationTarget.Workspace);
      await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    }
  });
});
