import * as assert from 'assert';
import * as vscode from 'vscode';
import { activateStatecraft, waitFor, workspaceUri } from './helpers';

async function lensesFor(uri: vscode.Uri): Promise<vscode.CodeLens[]> {
  return waitFor('session-state CodeLens', async () => {
    const lenses = await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', uri);
    return lenses.some((lens) => lens.command?.title.includes('session')) ? lenses : undefined;
  }, 20_000);
}

suite('session-state hints', () => {
  test('an express app with the default session store gets the CodeLens actions', async () => {
    await activateStatecraft();
    const uri = workspaceUri('src', 'server.js');
    await vscode.window.showTextDocument(uri);
    const lenses = await lensesFor(uri);
    const titles = lenses.map((lens) => lens.command?.title ?? '');
    assert.ok(titles.includes('Why?'), JSON.stringify(titles));
    assert.ok(titles.includes('Recommend placement'), JSON.stringify(titles));
    assert.ok(titles.includes('Ignore'), JSON.stringify(titles));
    const sessionLens = lenses.find((lens) => lens.command?.arguments?.[0] === 'externalize-sessions-node#express');
    assert.ok(sessionLens, 'the express-session lens points at the Express section of the Node guide');
    assert.strictEqual(sessionLens.range.start.line, 7, 'above the session({ ... }) call');
  });

  test('diagnostics carry the rule and quick fixes offer the note, the wizard and a suppression', async () => {
    await activateStatecraft();
    const uri = workspaceUri('src', 'server.js');
    await vscode.window.showTextDocument(uri);
    const diagnostics = await waitFor('diagnostics', () => {
      const list = vscode.languages.getDiagnostics(uri).filter((d) => d.source === 'Statecraft');
      return list.length > 0 ? list : undefined;
    }, 20_000);
    const store = diagnostics.find((d) => d.code === 'session-store-in-memory');
    assert.ok(store, JSON.stringify(diagnostics.map((d) => d.code)));
    // The rule's own severity, the same level `statecraft scan` prints (core/analyzer/severity.ts).
    assert.strictEqual(store.severity, vscode.DiagnosticSeverity.Warning);
    const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', uri, store.range);
    const titles = actions.map((a) => a.title);
    assert.ok(titles.some((t) => t.includes('statecraft-ignore')), JSON.stringify(titles));
    assert.ok(titles.some((t) => t.includes('recommend where this state should live')), JSON.stringify(titles));
    assert.ok(actions.some((a) => a.edit !== undefined && /RedisStore|connect-redis/i.test(a.title)), `an express-session fix is offered: ${JSON.stringify(titles)}`);
  });

  test('ignoring a hint inserts a suppression comment and the hint goes away', async () => {
    await activateStatecraft();
    const uri = workspaceUri('src', 'server.js');
    const editor = await vscode.window.showTextDocument(uri);
    const lenses = await lensesFor(uri);
    const ignore = lenses.find((lens) => lens.command?.title === 'Ignore' && lens.range.start.line === 7);
    assert.ok(ignore?.command);
    const applied = await vscode.commands.executeCommand<boolean>(ignore.command.command, ...(ignore.command.arguments ?? []), 'sessions are demo-only');
    assert.strictEqual(applied, true);
    assert.strictEqual(editor.document.lineAt(7).text, '// statecraft-ignore: sessions are demo-only');
    await waitFor('the suppressed hint to disappear', async () => {
      const after = await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', uri);
      return after.every((lens) => lens.command?.arguments?.[0] !== 'externalize-sessions-node#express') ? true : undefined;
    }, 20_000);
    await vscode.commands.executeCommand('undo');
    await editor.document.save();
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });
});

suite('cross-file session stores in the editor', () => {
  test('a store built in another module is read through the workspace file system and re-read when that module changes', async () => {
    await activateStatecraft();
    const encode = (text: string) => new TextEncoder().encode(text);
    const app = workspaceUri('src', 'xfile', 'app.js');
    const store = workspaceUri('src', 'xfile', 'sessionStore.js');
    await vscode.workspace.fs.writeFile(store, encode("const session = require('express-session');\nmodule.exports = new session.MemoryStore();\n"));
    await vscode.workspace.fs.writeFile(app, encode("const session = require('express-session');\nconst store = require('./sessionStore');\napp.use(session({ store, secret: 's' }));\n"));
    await vscode.window.showTextDocument(app);
    const flagged = await waitFor('the store option flagged, naming the other module', () => {
      const found = vscode.languages.getDiagnostics(app).find((d) => d.source === 'Statecraft' && d.code === 'session-store-in-memory');
      return found && found.message.includes('sessionStore.js') ? found : undefined;
    }, 20_000);
    assert.strictEqual(flagged.range.start.line, 2, 'on the `store` option of session({ ... })');
    // The other module now builds a Redis store (the file is not open): the app is analysed again and goes quiet.
    await vscode.workspace.fs.writeFile(store, encode("const { RedisStore } = require('connect-redis');\nmodule.exports = new RedisStore({ client });\n"));
    await waitFor('the hint to go once the module builds a Redis store', () =>
      vscode.languages.getDiagnostics(app).some((d) => d.source === 'Statecraft' && d.code === 'session-store-in-memory') ? undefined : true, 20_000);
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    await vscode.workspace.fs.delete(workspaceUri('src', 'xfile'), { recursive: true });
  });
});

suite('only open documents are analysed', () => {
  test('a server file that was never opened has no session-state diagnostics', async () => {
    const api = await activateStatecraft();
    const worker = workspaceUri('src', 'worker.py');
    assert.ok(!vscode.workspace.textDocuments.some((d) => d.uri.toString() === worker.toString()), 'worker.py is not open');
    assert.deepStrictEqual(vscode.languages.getDiagnostics(worker).filter((d) => d.source === 'Statecraft'), []);
    const document = await vscode.workspace.openTextDocument(worker);
    const result = await api.hints.manager.analyze(document);
    assert.deepStrictEqual(result?.findings.map((f) => f.rule), ['session-store-local-disk'], 'once open, it is analysed');
  });
});
