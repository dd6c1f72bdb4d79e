import { readdirSync, readFileSync } from 'node:fs';
import { Parser, Language } from '@vscode/tree-sitter-wasm';
import { nodeWasmLoader } from './analyzerHelpers';
import { walk } from '../../src/core/analyzer/syntax/tree';
(async () => {
  await (Parser.init as any)({ wasmBinary: await nodeWasmLoader('tree-sitter.wasm'), locateFile: () => 'x' });
  const p = new Parser(); p.setLanguage(await Language.load(await nodeWasmLoader('tree-sitter-javascript.wasm')));
  const dir = 'test/fixtures/analyzer/javascript/';
  const files = readdirSync(dir).filter((f) => f.endsWith('.js')).map((f) => readFileSync(dir + f, 'utf8'));
  const text = Array.from({ length: 400 }, (_, i) => files[i % files.length]).join('\n');
  const t = p.parse(text)!;
  const types = ['call_expression', 'variable_declarator', 'pair', 'arrow_function', 'function_expression', 'function_declaration', 'method_definition', 'statement_block', 'assignment_expression', 'new_expression', 'export_statement', 'class_declaration', 'for_in_statement', 'for_statement', 'catch_clause', 'update_expression', 'augmented_assignment_expression', 'switch_body', 'switch_case', 'class'];
  for (let i = 0; i < 3; i++) {
    let t0 = performance.now(); let n = 0;
    walk(t.rootNode, () => { n++; }, new Set(types));
    const a = performance.now() - t0;
    t0 = performance.now();
    const d = t.rootNode.descendantsOfType(types);
    console.log('walk', a.toFixed(0), n, 'descendantsOfType', (performance.now() - t0).toFixed(0), d.length);
  }
  const deep = p.parse('['.repeat(5000) + ']'.repeat(5000))!;
  let t0 = performance.now(); const dd = deep.rootNode.descendantsOfType(['array']); console.log('deep', performance.now() - t0, dd.length);
  const d1 = t.rootNode.descendantsOfType(['call_expression']);
  let w: any[] = []; walk(t.rootNode, (n) => { w.push(n); }, new Set(['call_expression']));
  console.log('same order', d1.every((n, i) => n!.id === w[i].id), d1.length === w.length);
  const prog = t.rootNode.descendantsOfType(['program']); console.log('includes root?', prog.length);
})();
