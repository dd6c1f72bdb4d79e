// Test support shared by every analyzer test: a WasmLoader over node_modules, as the CLI uses.
import { readFile } from 'node:fs/promises';
import * as path from 'node:path';
import { grammarLocation } from '../../src/core/analyzer/languages';
import type { TextEdit, WasmLoader } from '../../src/core/analyzer/types';

/** Directory holding tree-sitter.wasm and the grammar .wasm files of @vscode/tree-sitter-wasm. */
export const wasmDir = path.join(path.dirname(require.resolve('@vscode/tree-sitter-wasm/package.json')), 'wasm');

/** Reads "<name>.wasm" from node_modules (@vscode/tree-sitter-wasm/wasm, or the HCL and Bicep grammar packages) with fs. */
export const nodeWasmLoader: WasmLoader = async (fileName: string) => {
  const { packageName, folder } = grammarLocation(fileName);
  const directory = path.join(path.dirname(require.resolve(`${packageName}/package.json`)), folder);
  return new Uint8Array(await readFile(path.join(directory, fileName)));
};

/** Applies non-overlapping text edits (0-based line/character positions) to a text, as an editor would. */
export function applyEdits(text: string, edits: readonly TextEdit[]): string {
  const lineStarts = [0];
  for (let index = 0; index < text.length; index++) {
    if (text[index] === '\n') {
      lineStarts.push(index + 1);
    }
  }
  const offset = (position: { line: number; character: number }) => lineStarts[position.line] + position.character;
  const sorted = [...edits].sort((a, b) => offset(b.range.start) - offset(a.range.start));
  let result = text;
  for (const edit of sorted) {
    result = result.slice(0, offset(edit.range.start)) + edit.newText + result.slice(offset(edit.range.end));
  }
  return result;
}
