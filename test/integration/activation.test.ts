import * as assert from 'assert';
import * as vscode from 'vscode';

suite('activation', () => {
  test('the extension activates', async () => {
    const extension = vscode.extensions.getExtension('statecraft.statecraft');
    assert.ok(extension, 'statecraft.statecraft is installed');
    await extension.activate();
    assert.strictEqual(extension.isActive, true);
  });
});
