// The core's FileSystem port over node:fs, for the CLI (and the build and tests, which run the CLI's code).
// Paths are absolute (or cwd-relative) file-system paths; lstat is used throughout so links are seen, not followed.

import { promises as fs, type Stats } from 'node:fs';
import path from 'node:path';
import type { EntryType, FileSystem } from '../core/ports';

function typeOf(entry: { isSymbolicLink(): boolean; isDirectory(): boolean; isFile(): boolean }): EntryType {
  return entry.isSymbolicLink() ? 'symlink' : entry.isDirectory() ? 'directory' : entry.isFile() ? 'file' : 'other';
}

async function readCapped(file: string, maxBytes: number): Promise<Uint8Array> {
  const handle = await fs.open(file, 'r');
  try {
    const { size } = await handle.stat();
    const buffer = Buffer.alloc(Math.min(size, maxBytes + 1));
    const { bytesRead } = await handle.read(buffer, 0, buffer.length, 0);
    return new Uint8Array(buffer.buffer, buffer.byteOffset, bytesRead);
  } finally {
    await handle.close();
  }
}

/** The node:fs implementation of the core's {@link FileSystem}. */
export const nodeFileSystem: FileSystem = {
  async readDirectory(directory) {
    const entries = await fs.readdir(directory, { withFileTypes: true });
    return entries.map((entry) => ({ name: entry.name, type: typeOf(entry) }));
  },
  async stat(file) {
    let stats: Stats;
    try {
      stats = await fs.lstat(file);
    } catch {
      return undefined;
    }
    return { type: typeOf(stats), size: stats.size };
  },
  async readFile(file, maxBytes) {
    if (maxBytes !== undefined) {
      return readCapped(file, maxBytes);
    }
    const buffer = await fs.readFile(file);
    return new Uint8Array(buffer.buffer, buffer.byteOffset, buffer.byteLength);
  },
  join: (directory, name) => path.join(directory, name),
  parent(file) {
    const directory = path.dirname(file);
    return directory === file ? undefined : { directory, name: path.basename(file) };
  },
};
