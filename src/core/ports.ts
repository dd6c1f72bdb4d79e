// Ports: the only way the host-agnostic core reaches the outside world. The extension implements them with
// vscode.workspace.fs (so they work in remote and web hosts), the CLI with node:fs, and unit tests with small
// in-memory fakes. Model: vscode-markdown-languageservice src/workspace.ts (IWorkspace) and src/logging.ts.

/** Where diagnostic messages go: the Statecraft output channel in the editor, stderr in the CLI. */
export interface Logger {
  info(message: string): void;
  warn(message: string): void;
  error(message: string): void;
}

/** A logger that drops everything, for tests and callers that do not care. */
export const nullLogger: Logger = {
  info: () => undefined,
  warn: () => undefined,
  error: () => undefined,
};

/** A file read through a {@link FileSystem}; `path` is whatever the host uses to read it again (a path or URI string). */
export interface SourceFile {
  readonly path: string;
  readonly bytes: Uint8Array;
}

/** What a directory entry or a path is. Symbolic links are reported as such, never followed (see {@link FileSystem}). */
export type EntryType = 'file' | 'directory' | 'symlink' | 'other';

/** A directory entry: its base name and type. */
export interface DirectoryEntry {
  readonly name: string;
  readonly type: EntryType;
}

/** What the core needs to know about a path. */
export interface FileStat {
  readonly type: EntryType;
  /** Size in bytes (files). */
  readonly size: number;
}

/**
 * Read-only access to files and folders, in the host's own path form (an absolute path in the CLI, a URI string in
 * the extension): the core never builds or parses such a path itself, it asks `join` and `parent`.
 * Contract shared by every implementation, so the core decides the same everywhere: entries that are symbolic links
 * have type `symlink` (the core does not follow them: no loops, nothing outside the folder); errors reject.
 */
export interface FileSystem {
  /** The entries of a directory, in no promised order. Rejects when it cannot be read. */
  readDirectory(path: string): Promise<readonly DirectoryEntry[]>;
  /** What `path` is, or undefined when nothing is there. */
  stat(path: string): Promise<FileStat | undefined>;
  /** A file's bytes; with `maxBytes`, at most `maxBytes + 1` of them (enough to tell the file is over the cap). */
  readFile(path: string, maxBytes?: number): Promise<Uint8Array>;
  /** The path of `name` inside `directory`. */
  join(directory: string, name: string): string;
  /** The directory holding `path` and the name `path` has in it, or undefined at the top of the file system. */
  parent(path: string): { readonly directory: string; readonly name: string } | undefined;
}
