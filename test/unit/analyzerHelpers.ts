// Test support shared by every analyzer test: the CLI's own WasmLoader (src/cli/nodeWasmLoader.ts), not a copy.
import { createNodeWasmLoader } from '../../src/cli/nodeWasmLoader';
import type { TextEdit, WasmLoader } from '../../src/core/analyzer/types';

/** Reads tree-sitter wasm files the way the CLI does (from node_modules when running from source). */
export const nodeWasmLoader: WasmLoader = createNodeWasmLoader();

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
