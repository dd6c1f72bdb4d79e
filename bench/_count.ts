import * as fs from 'node:fs';
import * as path from 'node:path';
import { Language, Parser, Node } from '@vscode/tree-sitter-wasm';
import { detectors } from '../src/core/analyzer/detectors';
import { expressServerSource } from './generators';
const wasmDir = path.join(path.dirname(require.resolve('@vscode/tree-sitter-wasm/package.json')), 'wasm');
const loadWasm = async (f: string) => new Uint8Array(await fs.promises.readFile(path.join(wasmDir, f)));
(async () => {
  const text = expressServerSource(2000);
  await (Parser.init as any)({ wasmBinary: await loadWasm('tree-sitter.wasm'), locateFile: () => 'tree-sitter.wasm' });
  const language = await Language.load(await loadWasm('tree-sitter-javascript.wasm'));
  const parser = new Parser(); parser.setLanguage(language);
  const tree = parser.parse(text)!;
  let nodes = 0; const c = tree.walk(); 
  // count nodes
  let depth=0; for(;;){nodes++; if(c.gotoFirstChild()){depth++;continue;} let done=false; for(;;){ if(depth===0){done=true;break;} if(c.gotoNextSibling())break; c.gotoParent(); depth--; } if(done)break;}
  console.log('nodes', nodes);
  const proto = Object.getPrototypeOf(tree.rootNode);
  const orig = proto.descendantsOfType;
  const log: string[] = [];
  proto.descendantsOfType = function (types: any, ...rest: any[]) {
    const t = performance.now(); const r = orig.call(this, types, ...rest);
    log.push(`${(performance.now() - t).toFixed(2)}ms root=${this.type}[${this.endIndex - this.startIndex}] types=${types.length}:${types.length < 4 ? types.join(",") : ""} n=${r.length} ${new Error().stack!.split('\n')[3].trim()}`);
    return r;
  };
  for (const d of detectors.filter((d) => d.languages.includes('javascript') && d.prefilter(text))) {
    log.push('== ' + d.id);
    const t = performance.now();
    d.detect({ tree, root: tree.rootNode, text, language: 'javascript', isCancelled: () => false });
    log.push('== ' + d.id + ' ' + (performance.now() - t).toFixed(2));
  }
  const agg = new Map<string, [number, number]>();
  for (const l of log) { if (l.startsWith('==')) { console.log(l); continue; } const k = l.replace(/^[\d.]+ms /, '').replace(/n=\d+ /, '').replace(/\[\d+\]/, ''); const e = agg.get(k) ?? [0, 0]; e[0]++; e[1] += parseFloat(l); agg.set(k, e); }
  for (const [k, [n, t]] of agg) console.log(n, t.toFixed(2), k);
})();
