// A small in-memory FileSystem for core tests (model: vscode-markdown-languageservice src/test/inMemoryWorkspace.ts).
// Paths are POSIX absolute paths; a value of { link: target } is a symbolic link, reported as such.
import type { DirectoryEntry, FileSystem } from '../../../src/core/ports';

export type Tree = Record<string, string | { link: string }>;

/** A FileSystem over `files` (path → text); folders exist where some file lies under them. Counts reads. */
export function inMemoryFileSystem(files: Tree): FileSystem & { reads: string[] } {
  const reads: string[] = [];
  const isDirectory = (path: string) => Object.keys(files).some((file) => file.startsWith(`${path === '/' ? '' : path}/`));
  return {
    reads,
    async readDirectory(directory) {
      if (!isDirectory(directory)) throw Object.assign(new Error(`ENOENT: ${directory}`), { code: 'ENOENT' });
      const prefix = directory === '/' ? '/' : `${directory}/`;
      const entries = new Map<string, DirectoryEntry>();
      for (const [file, value] of Object.entries(files)) {
        if (!file.startsWith(prefix)) continue;
        const [name, ...rest] = file.slice(prefix.length).split('/');
        entries.set(name, { name, type: typeof value !== 'string' && rest.length === 0 ? 'symlink' : rest.length > 0 ? 'directory' : 'file' });
      }
      return [...entries.values()].reverse();
    },
    async stat(path) {
      const value = files[path];
      if (typeof value === 'string') return { type: 'file', size: new TextEncoder().encode(value).byteLength };
      if (value) return { type: 'symlink', size: 0 };
      return isDirectory(path) ? { type: 'directory', size: 0 } : undefined;
    },
    async readFile(path, maxBytes) {
      const value = files[path];
      if (typeof value !== 'string') throw Object.assign(new Error(`ENOENT: ${path}`), { code: 'ENOENT' });
      reads.push(path);
      const bytes = new TextEncoder().encode(value);
      return maxBytes === undefined ? bytes : bytes.subarray(0, maxBytes + 1);
    },
    join: (directory, name) => (directory === '/' ? `/${name}` : `${directory}/${name}`),
    parent(path) {
      const slash = path.lastIndexOf('/');
      if (path === '/' || slash < 0) return undefined;
      return { directory: slash === 0 ? '/' : path.slice(0, slash), name: path.slice(slash + 1) };
    },
  };
}
