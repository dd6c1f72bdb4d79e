// The core's FileSystem port over vscode.workspace.fs, so the core's note discovery and file walker work in local,
// remote and web hosts alike. Paths are URI strings (`file:///…`, `vscode-remote://…`).
import * as vscode from 'vscode';
import type { EntryType, FileSystem } from '../core/ports';

function typeOf(type: vscode.FileType): EntryType {
  // A link is reported with both its own bit and its target's: the link bit wins, so the core never follows it.
  if (type & vscode.FileType.SymbolicLink) return 'symlink';
  if (type & vscode.FileType.Directory) return 'directory';
  if (type & vscode.FileType.File) return 'file';
  return 'other';
}

/** The vscode.workspace.fs implementation of the core's {@link FileSystem}. */
export const workspaceFileSystem: FileSystem = {
  async readDirectory(directory) {
    const entries = await vscode.workspace.fs.readDirectory(vscode.Uri.parse(directory));
    return entries.map(([name, type]) => ({ name, type: typeOf(type) }));
  },
  async stat(path) {
    try {
      const stat = await vscode.workspace.fs.stat(vscode.Uri.parse(path));
      return { type: typeOf(stat.type), size: stat.size };
    } catch {
      return undefined;
    }
  },
  async readFile(path, maxBytes) {
    // The API reads whole files only; the cap keeps what the core is given the same as with node:fs.
    const bytes = await vscode.workspace.fs.readFile(vscode.Uri.parse(path));
    return maxBytes === undefined || bytes.byteLength <= maxBytes + 1 ? bytes : bytes.subarray(0, maxBytes + 1);
  },
  join: (directory, name) => vscode.Uri.joinPath(vscode.Uri.parse(directory), name).toString(),
  parent(path) {
    const uri = vscode.Uri.parse(path);
    const slash = uri.path.lastIndexOf('/');
    if (slash <= 0 && uri.path.length <= 1) return undefined;
    const name = uri.path.slice(slash + 1);
    const directory = uri.with({ path: slash <= 0 ? '/' : uri.path.slice(0, slash) }).toString();
    return name === '' ? undefined : { directory, name };
  },
};
