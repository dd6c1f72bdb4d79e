// Writes a decision record into the workspace: `<folder>/NNNN-<slug>.md`, taking the next free number and never
// overwriting (the name is re-checked right before writing). Without a workspace folder it asks where to save.
import * as vscode from 'vscode';
import { nextDecisionRecordFileName } from '../../core/decisions/adr';

/** `title` (the record's own title) names the file. */
export async function writeDecisionRecord(folderSetting: string, title: string, markdown: string): Promise<vscode.Uri | undefined> {
  const workspaceFolder = vscode.workspace.workspaceFolders?.[0];
  const bytes = new TextEncoder().encode(markdown);
  if (!workspaceFolder) {
    const target = await vscode.window.showSaveDialog({
      title: vscode.l10n.t('Save Decision Record'),
      filters: { Markdown: ['md'] },
      defaultUri: vscode.Uri.file(nextDecisionRecordFileName([], title)),
    });
    if (!target) return undefined;
    await vscode.workspace.fs.writeFile(target, bytes);
    return target;
  }
  const folder = vscode.Uri.joinPath(workspaceFolder.uri, ...folderSetting.split(/[\\/]+/).filter((part) => part && part !== '..'));
  await vscode.workspace.fs.createDirectory(folder);
  for (let attempt = 0; attempt < 5; attempt++) {
    const existing = (await vscode.workspace.fs.readDirectory(folder)).map(([name]) => name);
    const target = vscode.Uri.joinPath(folder, nextDecisionRecordFileName(existing, title));
    if (await exists(target)) continue; // another writer took the number between the listing and now
    await vscode.workspace.fs.writeFile(target, bytes);
    return target;
  }
  throw new Error(vscode.l10n.t('could not find a free decision record number in {0}', folder.toString(true)));
}

async function exists(uri: vscode.Uri): Promise<boolean> {
  try {
    await vscode.workspace.fs.stat(uri);
    return true;
  } catch {
    return false;
  }
}
