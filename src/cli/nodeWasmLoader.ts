// The one Node loader of tree-sitter wasm files: the CLI, the unit tests and the bench all create analyzers with it.

import * as fs from 'node:fs';
import * as path from 'node:path';
import { grammarFiles, grammarLocation } from '../core/analyzer/languages';
import type { WasmLoader } from '../core/analyzer/types';

/** Where @vscode/tree-sitter-wasm keeps tree-sitter.wasm and the grammars, when node_modules is there. */
export function packagedWasmDirectory(): string | undefined {
  try {
    return path.join(path.dirname(require.resolve('@vscode/tree-sitter-wasm/package.json')), 'wasm');
  } catch {
    // bundled without node_modules: dist/grammars only
    return undefined;
  }
}

/**
 * A WasmLoader over the file system: the bundled CLI finds grammars in `dist/grammars` next to itself; from
 * source it falls back to node_modules/@vscode/tree-sitter-wasm/wasm.
 */
export function createNodeWasmLoader(directories: readonly string[] = defaultWasmDirectories()): WasmLoader {
  return async (fileName: string) => {
    for (const directory of directories) {
      try {
        return new Uint8Array(await fs.promises.readFile(path.join(directory, fileName)));
      } catch {
        // try the next directory
      }
    }
    throw new Error(`cannot find ${fileName} in ${directories.join(', ')}`);
  };
}

/** dist/grammars next to the bundled CLI, then node_modules (running from source). */
function defaultWasmDirectories(): string[] {
  const packaged = packagedWasmDirectory();
  return [path.join(__dirname, 'grammars'), ...(packaged ? [packaged] : []), ...grammarPackageDirectories()];
}

/** HCL and Bicep grammars ship in their own packages (languages.ts grammarLocation), when node_modules is there. */
function grammarPackageDirectories(): string[] {
  return grammarFiles().flatMap((file) => {
    const { packageName, folder } = grammarLocation(file);
    if (packageName === '@vscode/tree-sitter-wasm') return [];
    try {
      return [path.join(path.dirname(require.resolve(`${packageName}/package.json`)), folder)];
    } catch {
      return [];
    }
  });
}
