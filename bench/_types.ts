import * as fs from 'node:fs';
import * as path from 'node:path';
import { Language, Parser } from '@vscode/tree-sitter-wasm';
const wasmDir = path.join(path.dirname(require.resolve('@vscode/tree-sitter-wasm/package.json')), 'wasm');
const loadWasm = async (f: string) => new Uint8Array(await fs.promises.readFile(path.join(wasmDir, f)));
(async () => {
  await (Parser.init as any)({ wasmBinary: await loadWasm('tree-sitter.wasm'), locateFile: () => 'tree-sitter.wasm' });
  const types = ['arrow_function','function_expression','function','function_declaration','generator_function','generator_function_declaration','method_definition','class_declaration','class','abstract_class_declaration','statement_block','switch_body','switch_case','catch_clause','for_in_statement','for_statement','call_expression','new_expression','variable_declarator','pair','export_statement','assignment_expression','augmented_assignment_expression','update_expression'];
  for (const g of ['javascript', 'typescript', 'tsx']) {
    const l = await Language.load(await loadWasm(`tree-sitter-${g}.wasm`));
    console.log(g, 'missing named:', types.filter((t) => l.idForNodeType(t, true) === null), 'anon present:', types.filter((t) => l.idForNodeType(t, true) === null && l.idForNodeType(t, false) !== null), 'types.includes dupes', types.map(t=>[t,l.types.filter(x=>x===t).length]).filter(([t,n])=>(n as number)>1));
  }
})();
