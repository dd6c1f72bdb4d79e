// Reads note files from disk for the CLI (the core never touches the file system). Shared by `notes check` and by
// the catalog loader that builds the bundled catalog on the fly from content/.

import { promises as fs } from 'node:fs';
import path from 'node:path';
import * as l10n from '@vscode/l10n';
import type { SourceFile } from '../core/ports';
import { buildCatalog, readCatalog, type Catalog } from '../core/notes/bundledCatalog';
import { DEFAULT_MAX_NOTE_BYTES } from '../core/notes/noteLoader';
import { InputError } from './cliIo';

/** Options for {@link readMarkdownFiles}. */
export interface ReadMarkdownFilesOptions {
  /** Files are read up to this many bytes plus one, enough for the loader to refuse oversized files. */
  readonly maxBytes?: number;
  /** Turns an absolute file path into the path shown in messages. Default: the absolute path. */
  readonly displayPath?: (absolutePath: string) => string;
}

async function listMarkdownFiles(dir: string, into: string[]): Promise<void> {
  const entries = await fs.readdir(dir, { withFileTypes: true });
  entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  for (const entry of entries) {
    // Hidden folders and node_modules are never notes; symbolic links are skipped so a link loop cannot hang us.
    if (entry.name.startsWith('.') || entry.name === 'node_modules' || entry.isSymbolicLink()) {
      continue;
    }
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) {
      await listMarkdownFiles(full, into);
    } else if (entry.isFile() && entry.name.toLowerCase().endsWith('.md')) {
      into.push(full);
    }
  }
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

/**
 * Reads every `*.md` file under `dir`, recursively, in a stable order. Throws {@link InputError} when `dir` does
 * not exist or is not a folder.
 */
export async function readMarkdownFiles(dir: string, options: ReadMarkdownFilesOptions = {}): Promise<SourceFile[]> {
  let stat;
  try {
    stat = await fs.stat(dir);
  } catch {
    throw new InputError(l10n.t({ message: 'folder not found: {0}', args: [dir], comment: ['{0} is a folder path'] }));
  }
  if (!stat.isDirectory()) {
    throw new InputError(l10n.t({ message: 'not a folder: {0}', args: [dir], comment: ['{0} is a path'] }));
  }
  const paths: string[] = [];
  await listMarkdownFiles(dir, paths);
  const maxBytes = options.maxBytes ?? DEFAULT_MAX_NOTE_BYTES;
  const display = options.displayPath ?? ((absolute: string) => absolute);
  const files: SourceFile[] = [];
  for (const file of paths) {
    files.push({ path: display(file), bytes: await readCapped(file, maxBytes) });
  }
  return files;
}

/** A path for messages: relative to `base` with forward slashes, or absolute when it lies outside `base`. */
export function displayPathFrom(base: string): (absolutePath: string) => string {
  return (absolutePath) => {
    const relative = path.relative(base, absolutePath);
    return relative === '' || relative.startsWith('..') || path.isAbsolute(relative)
      ? absolutePath
      : relative.split(path.sep).join('/');
  };
}

/**
 * Builds the catalog from a content folder on the fly (what tests and a development CLI use instead of
 * dist/catalog.json). Note paths read `<folder name>/<file>`, e.g. `content/sticky-sessions.md`.
 */
export async function loadCatalogFromContentFolder(dir: string): Promise<Catalog> {
  const absolute = path.resolve(dir);
  const parent = path.dirname(absolute);
  const files = await readMarkdownFiles(absolute, { displayPath: displayPathFrom(parent) });
  return buildCatalog(files);
}

/** Reads a built catalog (dist/catalog.json). Throws {@link InputError} when it is missing or not a catalog. */
export async function loadCatalogFile(file: string): Promise<Catalog> {
  let text: string;
  try {
    text = await fs.readFile(file, 'utf8');
  } catch {
    throw new InputError(l10n.t({ message: 'notes catalog not found: {0} (run the build first)', args: [file], comment: ['{0} is the path of dist/catalog.json'] }));
  }
  try {
    return readCatalog(text);
  } catch (error) {
    throw new InputError(`${file}: ${(error as Error).message}`);
  }
}
