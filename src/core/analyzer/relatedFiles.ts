// Reading the files an analysis follows across modules (crossFile.ts, crossFilePython.ts) for a host that has no
// tree in memory (the editor): one reader per workspace folder over the core's FileSystem port, with a cache so a
// module imported by many files is read once, and a record of which analysed file read which module, so the host
// can re-analyse exactly the dependents when a module changes, appears or disappears.
// Paths given to a reader are relative to the folder with `/` separators (as the analyzer passes them); anything that
// would leave the folder, a symbolic link, a file over the size cap or a failed read is "not there" (undefined), and
// the analysis stays quiet about it.

import type { ReadRelated } from './crossFile';
import type { FileSystem } from '../ports';

/** The default cap on one related file: the analyzer's own limit on analysed files is of the same order. */
const DEFAULT_MAX_BYTES = 512 * 1024;

export interface RelatedFileReaderOptions {
  /** Files larger than this many bytes count as absent. */
  readonly maxBytes?: number;
}

/** Cached, dependency-tracking reads of related files under workspace folders. */
export class RelatedFileReader {
  private readonly texts = new Map<string, Promise<string | undefined>>();
  /** Host path of a related file → keys of the analysed files that read it. */
  private readonly dependents = new Map<string, Set<string>>();
  private readonly maxBytes: number;

  constructor(
    private readonly fileSystem: FileSystem,
    options: RelatedFileReaderOptions = {},
  ) {
    this.maxBytes = options.maxBytes ?? DEFAULT_MAX_BYTES;
  }

  /**
   * The reader one analysis gets: `root` is the workspace folder (host path), `dependent` the analysed file's key
   * (whatever the host uses to find it again, e.g. its URI string). Each read records `dependent` as a reader of it.
   */
  readerFor(root: string, dependent: string): ReadRelated {
    return async (relative) => {
      const hostPath = this.resolve(root, relative);
      if (hostPath === undefined) {
        return undefined;
      }
      let readers = this.dependents.get(hostPath);
      if (!readers) {
        readers = new Set();
        this.dependents.set(hostPath, readers);
      }
      readers.add(dependent);
      let text = this.texts.get(hostPath);
      if (!text) {
        text = this.load(hostPath);
        this.texts.set(hostPath, text);
      }
      return text;
    };
  }

  /**
   * Forgets what is known of `hostPath` (it changed, was created or deleted) and returns the analysed files that read
   * it, so the host re-analyses them. A path nobody read returns an empty list.
   */
  invalidate(hostPath: string): string[] {
    this.texts.delete(hostPath);
    const readers = this.dependents.get(hostPath);
    this.dependents.delete(hostPath);
    return readers ? [...readers] : [];
  }

  /** Forgets that `dependent` read anything (it was closed); its next analysis records its reads again. */
  forgetDependent(dependent: string): void {
    for (const [path, readers] of this.dependents) {
      readers.delete(dependent);
      if (readers.size === 0) {
        this.dependents.delete(path);
        this.texts.delete(path);
      }
    }
  }

  /** Drops every cached text (settings changed, folders changed). */
  clear(): void {
    this.texts.clear();
    this.dependents.clear();
  }

  private resolve(root: string, relative: string): string | undefined {
    const segments = relative.split('/').filter((segment) => segment !== '' && segment !== '.');
    if (segments.length === 0 || segments.includes('..') || relative.startsWith('/') || /^[a-z]+:/i.test(relative)) {
      return undefined;
    }
    return segments.reduce((directory, segment) => this.fileSystem.join(directory, segment), root);
  }

  private async load(hostPath: string): Promise<string | undefined> {
    try {
      const stat = await this.fileSystem.stat(hostPath);
      if (stat?.type !== 'file' || stat.size > this.maxBytes) {
        return undefined;
      }
      const bytes = await this.fileSystem.readFile(hostPath, this.maxBytes);
      return bytes.byteLength > this.maxBytes ? undefined : new TextDecoder('utf-8', { fatal: false }).decode(bytes);
    } catch {
      return undefined;
    }
  }
}
