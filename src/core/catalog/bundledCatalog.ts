// The bundled notes, validated and indexed at build time into dist/catalog.json, so the extension and the CLI
// start without parsing Markdown or building the search index. The search index travels as its own JSON string
// so it is only parsed (by `loadSearchIndex`) when someone searches.

import type { SourceFile } from '../ports';
import { buildSearchIndex, serializeSearchIndex } from '../search/searchIndex';
import type { Note, NoteProblem } from '../notes/note';
import { loadNoteCollection, type ParseNoteOptions } from '../notes/noteLoader';

/** Identifies catalog JSON, so a stale or foreign file is refused rather than half-read. */
export const CATALOG_FORMAT = 'statecraft-catalog';
export const CATALOG_VERSION = 1;

/** The JSON-serialisable bundle of notes. */
export interface Catalog {
  readonly format: typeof CATALOG_FORMAT;
  readonly version: typeof CATALOG_VERSION;
  /** The valid notes, in load order. */
  readonly notes: readonly Note[];
  /** Problems found while building (the build should fail when any is an error). */
  readonly problems: readonly NoteProblem[];
  /** `serializeSearchIndex` output for `notes`; restore with `loadSearchIndex`. */
  readonly searchIndex: string;
}

/** Options for {@link buildCatalog}. */
export interface BuildCatalogOptions extends ParseNoteOptions {
  /** Root label for the notes. Default "bundled". */
  readonly root?: string;
}

/** Loads and validates `files` with the normal loader and indexes the valid notes. */
export function buildCatalog(files: readonly SourceFile[], options: BuildCatalogOptions = {}): Catalog {
  const collection = loadNoteCollection(files, options.root ?? 'bundled', options);
  return {
    format: CATALOG_FORMAT,
    version: CATALOG_VERSION,
    notes: collection.notes,
    problems: collection.problems,
    searchIndex: serializeSearchIndex(buildSearchIndex(collection.notes)),
  };
}

/** Restores a catalog from its JSON text. Throws an Error with a short reason when it is not a catalog. */
export function readCatalog(json: string): Catalog {
  const parsed = JSON.parse(json) as Partial<Record<keyof Catalog, unknown>>;
  if (typeof parsed !== 'object' || parsed === null || parsed.format !== CATALOG_FORMAT) {
    throw new Error('not a Statecraft notes catalog');
  }
  if (parsed.version !== CATALOG_VERSION) {
    throw new Error(`unsupported catalog version ${String(parsed.version)} (expected ${CATALOG_VERSION})`);
  }
  if (!Array.isArray(parsed.notes) || !Array.isArray(parsed.problems) || typeof parsed.searchIndex !== 'string') {
    throw new Error('catalog is missing its notes, problems or search index');
  }
  const malformed = (parsed.notes as unknown[]).findIndex(
    (note) =>
      typeof note !== 'object' ||
      note === null ||
      typeof (note as Note).id !== 'string' ||
      typeof (note as Note).body !== 'string' ||
      !Array.isArray((note as Note).headings),
  );
  if (malformed !== -1) {
    throw new Error(`catalog note ${malformed} is malformed`);
  }
  return parsed as unknown as Catalog;
}
