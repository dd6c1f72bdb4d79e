import { Parser, Language } from '@vscode/tree-sitter-wasm';
import { readFileSync } from 'node:fs';
import { nodeWasmLoader } from './analyzerHelpers';
(async () => {
  await (Parser.init as any)({ wasmBinary: await nodeWasmLoader('tree-sitter.wasm'), locateFile: () => 'x' });
  const lang = await Language.load(await nodeWasmLoader(`tree-sitter-${process.argv[2]}.wasm`));
  const p = new Parser(); p.setLanguage(lang);
  const t = p.parse(readFileSync(process.argv[3], 'utf8'))!;
  const c = t.walk(); let depth = 0; const out: string[] = [];
  const visit = () => { do { const n = c.currentNode; if (n.isNamed) out.push('  '.repeat(depth) + (c.currentFieldName ? c.currentFieldName + ': ' : '') + n.type + (n.childCount === 0 ? ' ' + JSON.stringify(n.text) : '')); if (c.gotoFirstChild()) { depth++; visit(); depth--; c.gotoParent(); } } while (c.gotoNextSibling()); };
  visit(); console.log(out.join('\n'));
})();
