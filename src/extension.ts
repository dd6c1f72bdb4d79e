// Composition root: build the core services once, register each feature, and let VS Code own the disposables.
import * as vscode from 'vscode';
import { ViewIds } from './vscode/commandIds';
import { createOutputLogger } from './vscode/outputLogger';

export function activate(context: vscode.ExtensionContext): void {
  const logger = createOutputLogger();
  context.subscriptions.push(logger);
  context.subscriptions.push(vscode.window.createTreeView(ViewIds.notes, { treeDataProvider: { getChildren: () => [], getTreeItem: (x: vscode.TreeItem) => x } }));
}

export function deactivate(): void {
  // Everything is owned by context.subscriptions.
}
