// Ports: the only way the host-agnostic core reaches the outside world. The extension implements them with
// vscode.workspace.fs (so they work in remote and web hosts), the CLI with node:fs, and unit tests with small
// in-memory fakes. Model: vscode-markdown-languageservice src/workspace.ts and src/logging.ts.

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

/** A file found by a {@link FileSource}; `path` is whatever the host uses to read it again (a path or URI string). */
export interface SourceFile {
  readonly path: string;
  readonly bytes: Uint8Array;
}
