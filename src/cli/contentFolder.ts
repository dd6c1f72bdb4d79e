// Note folders and the catalog on disk for the CLI: `notes check` and the catalog loader that builds the bundled
// catalog on the fly from content/. Which files are notes is the core's note discovery (core/notes/noteFiles.ts).

import { promises as fs } from 'node:fs';
import path from 'node:path';
import * as l10n from '@vscode/l10n';
import type { SourceFile } from '../core/ports';
import { buildCatalog, readCatalog, type Catalog } from '../core/catalog/bundledCatalog';
import { MAX_NOTE_FILES, readNoteFiles } from '../core/notes/noteFiles';
import { InputError } from './cliIo';
import { nodeFileSystem } from './nodeFileSystem';

/** Options for {@link readMarkdownFiles}. */
export interface ReadMarkdownFilesOptions {
  /** Files are read up to this many bytes plus one, enough for the loader to refuse oversized files. */
  readonly maxBytes?: number;
  /** Turns an absolute file path into the path shown in messages. Default: the absolute path. */
  readonly displayPath?: (absolutePath: string) => string;
}

/**
 * Reads every `*.md` file under `dir` by the one note discovery (core/notes/noteFiles.ts). Throws {@link InputError}
 * when `dir` does not exist, is not a folder, or holds more notes than the discovery reads.
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
  const { files, truncated } = await readNoteFiles(nodeFileSystem, dir, options);
  if (truncated) {
    throw new InputError(l10n.t({ message: 'more than {0} note files under {1}: point at a smaller folder', args: [MAX_NOTE_FILES, dir], comment: ['{0} is a number, {1} a folder path'] }));
  }
  return [...files];
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
