import * as assert from 'assert';
import * as vscode from 'vscode';
import { activateStatecraft, waitFor, workspaceUri } from './helpers';

suite('analysis worker', () => {
  test('killing the worker in the middle of an analysis: a new worker takes over and the hints come back', async () => {
    const api = await activateStatecraft();
    const uri = workspaceUri('src', 'server.js');
    const editor = await vscode.window.showTextDocument(uri);
    const first = await api.hints.manager.analyze(editor.document);
    assert.ok(first && first.findings.length > 0, 'the first analysis (in the worker) has findings');
    const worker = api.hints.manager.worker;
    assert.ok(worker, 'the analysis ran in a worker connection');
    const restartsBefore = worker.restartCount;

    // An edit, so the next analysis is new work; then the worker dies while that analysis is in flight.
    await editor.edit((builder) => builder.insert(new vscode.Position(0, 0), '// an edit before the worker is killed\n'));
    const inFlight = api.hints.manager.analyze(editor.document);
    assert.ok(worker.busy > 0, 'the analysis request is in flight in the worker');
    worker.killWorker('killed by the integration test');
    assert.strictEqual(worker.restartCount, restartsBefore + 1);

    const recovered = await inFlight;
    assert.ok(recovered, 'the analysis was retried on a fresh worker and settled');
    assert.deepStrictEqual(recovered.findings.map((finding) => finding.rule), first.findings.map((finding) => finding.rule));
    assert.strictEqual(recovered.findings[0].range.start.line, first.findings[0].range.start.line + 1, 'findings of the edited text');

    const lenses = await waitFor('CodeLens after the worker was replaced', async () => {
      const list = await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', uri);
      return list.some((lens) => lens.command?.title === 'Why?') ? list : undefined;
    }, 20_000);
    assert.ok(lenses.length > 0);

    // Later edits go on incrementally in the new worker.
    await editor.edit((builder) => builder.insert(new vscode.Position(0, 0), '// and one more\n'));
    const after = await api.hints.manager.analyze(editor.document);
    assert.strictEqual(after?.findings[0].range.start.line, first.findings[0].range.start.line + 2);
    await vscode.commands.executeCommand('undo');
    await vscode.commands.executeCommand('undo');
    await editor.document.save();
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });
});
