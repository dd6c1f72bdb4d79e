// Test support shared by every analyzer test: a WasmLoader over node_modules, as the CLI uses.
import { readFile } from 'node:fs/promises';
import * as path from 'node:path';
import type { WasmLoader } from '../../src/core/analyzer/types';

/** Directory holding tree-sitter.wasm and the grammar .wasm files of @vscode/tree-sitter-wasm. */
export const wasmDir = path.join(path.dirname(require.resolve('@vscode/tree-sitter-wasm/package.json')), 'wasm');

/** Reads "<name>.wasm" from node_modules/@vscode/tree-sitter-wasm/wasm with fs. */
export const nodeWasmLoader: WasmLoader = async (fileName: string) => new Uint8Array(await readFile(path.join(wasmDir, fileName)));
