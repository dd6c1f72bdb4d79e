import * as fs from 'node:fs';
import * as path from 'node:path';
import { Language, Parser } from '@vscode/tree-sitter-wasm';
import { createAnalyzer } from '../src/core/analyzer/analyzer';
import { detectors } from '../src/core/analyzer/detectors';
import { expressServerSource } from './generators';
const wasmDir = path.join(path.dirname(require.resolve('@vscode/tree-sitter-wasm/package.json')), 'wasm');
const loadWasm = async (f: string) => new Uint8Array(await fs.promises.readFile(path.join(wasmDir, f)));
(async () => {
  const text = expressServerSource(2000);
  const a = createAnalyzer(loadWasm);
  await a.analyze(text, 'src/server.js');
  const language = await Language.load(await loadWasm('tree-sitter-javascript.wasm'));
  const parser = new Parser(); parser.setLanguage(language);
  const only = process.argv[2];
  const applicable = detectors.filter((d) => d.languages.includes('javascript') && d.prefilter(text) && (!only || d.id === only));
  const times: Record<string, number[]> = {};
  for (let rep = 0; rep < Number(process.env.REPS ?? 40); rep++) {
    const tree = parser.parse(text)!;
    for (const d of applicable) {
      const t = performance.now();
      d.detect({ tree, root: tree.rootNode, text, language: 'javascript', isCancelled: () => false });
      (times[d.id] ??= []).push(performance.now() - t);
    }
    tree.delete();
  }
  for (const [id, ts] of Object.entries(times)) { ts.sort((x, y) => x - y); console.log(id, ts[ts.length >> 1].toFixed(2)); }
  const t2: number[] = [];
  for (let rep = 0; rep < 20; rep++) { const t = performance.now(); await a.analyze(text, 'src/server.js'); t2.push(performance.now() - t); }
  t2.sort((x, y) => x - y); console.log('analyze', t2[10].toFixed(2));
})();
