// The one note discovery: which files of a notes folder are read, in which order, and how much of each. The CLI
// (`notes check`, the build's catalog) and the editor (the user's notes folders) both call it through their own
// FileSystem port, so a folder gives the same notes in both.
//
// Rules: every `*.md` file (any case) under the folder; hidden entries (`.name`) and node_modules are never notes;
// symbolic links are not followed (a link loop cannot hang us, nothing outside the folder is read); folders are
// visited depth-first with entries sorted by name (code unit order), so the result is stable across hosts; each
// file is read up to the byte cap plus one byte (enough for the loader to refuse an oversized file by name); at most
// `maxFiles` files are read, and the caller is told when more were there.

import type { FileSystem, SourceFile } from '../ports';
import { DEFAULT_MAX_NOTE_BYTES } from './noteLoader';

/** The most note files read from one folder (a guard against pointing the setting at a home directory). */
export const MAX_NOTE_FILES = 5000;

export interface ReadNoteFilesOptions {
  /** Each file is read up to this many bytes plus one. Default: the loader's note size cap. */
  readonly maxBytes?: number;
  /** At most this many files are read. Default {@link MAX_NOTE_FILES}. */
  readonly maxFiles?: number;
  /** Turns a host path into the path the notes carry (shown in messages). Default: the host path. */
  readonly displayPath?: (path: string) => string;
}

export interface NoteFiles {
  readonly files: readonly SourceFile[];
  /** True when the folder held more than `maxFiles` note files and the rest were not read. */
  readonly truncated: boolean;
}

/** Lists the note files under `folder` in the stable order described above (host paths). */
export async function listNoteFiles(fs: FileSystem, folder: string, maxFiles = MAX_NOTE_FILES): Promise<{ paths: string[]; truncated: boolean }> {
  const paths: string[] = [];
  // Depth-first in sorted order with an explicit stack: children are pushed in reverse so the first name pops first.
  const stack: Array<{ path: string; isDirectory: boolean }> = [{ path: folder, isDirectory: true }];
  while (stack.length > 0) {
    const next = stack.pop()!;
    if (!next.isDirectory) {
      if (paths.length === maxFiles) {
        return { paths, truncated: true };
      }
      paths.push(next.path);
      continue;
    }
    const entries = [...(await fs.readDirectory(next.path))]
      .filter((entry) => !entry.name.startsWith('.') && entry.name !== 'node_modules')
      .filter((entry) => entry.type === 'directory' || (entry.type === 'file' && entry.name.toLowerCase().endsWith('.md')))
      .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    for (let index = entries.length - 1; index >= 0; index--) {
      stack.push({ path: fs.join(next.path, entries[index].name), isDirectory: entries[index].type === 'directory' });
    }
  }
  return { paths, truncated: false };
}

/** Reads every note file under `folder` (see the rules above). Rejects when `folder` cannot be listed. */
export async function readNoteFiles(fs: FileSystem, folder: string, options: ReadNoteFilesOptions = {}): Promise<NoteFiles> {
  const { paths, truncated } = await listNoteFiles(fs, folder, options.maxFiles);
  const maxBytes = options.maxBytes ?? DEFAULT_MAX_NOTE_BYTES;
  const display = options.displayPath ?? ((path: string) => path);
  const files: SourceFile[] = [];
  for (const path of paths) {
    files.push({ path: display(path), bytes: await fs.readFile(path, maxBytes) });
  }
  return { files, truncated };
}
