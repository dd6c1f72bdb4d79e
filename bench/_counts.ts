import * as fs from 'node:fs';
import * as path from 'node:path';
import { Language, Parser } from '@vscode/tree-sitter-wasm';
import { expressServerSource } from './generators';
const wasmDir = path.join(path.dirname(require.resolve('@vscode/tree-sitter-wasm/package.json')), 'wasm');
const loadWasm = async (f: string) => new Uint8Array(await fs.promises.readFile(path.join(wasmDir, f)));
(async () => {
  await (Parser.init as any)({ wasmBinary: await loadWasm('tree-sitter.wasm'), locateFile: () => 'tree-sitter.wasm' });
  const l = await Language.load(await loadWasm('tree-sitter-javascript.wasm'));
  const p = new Parser(); p.setLanguage(l);
  const t = p.parse(expressServerSource(2000))!;
  const types = ['arrow_function','function_expression','function_declaration','method_definition','class_declaration','class','statement_block','switch_body','switch_case','catch_clause','for_in_statement','for_statement','call_expression','new_expression','variable_declarator','pair','export_statement','assignment_expression','augmented_assignment_expression','update_expression', 'identifier', 'property_identifier', 'member_expression'];
  for (const ty of types) console.log(ty, t.rootNode.descendantsOfType([ty]).length);
})();
