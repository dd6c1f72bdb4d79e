import { readdirSync, readFileSync } from 'node:fs';
import { createAnalyzer } from '../../src/core/analyzer/analyzer';
import { nodeWasmLoader } from './analyzerHelpers';
(async () => {
  const dir = 'test/fixtures/analyzer/javascript/';
  const files = readdirSync(dir).filter((f) => f.endsWith('.js')).map((f) => readFileSync(dir + f, 'utf8'));
  const text = Array.from({ length: 400 }, (_, i) => files[i % files.length]).join('\n');
  const all = createAnalyzer(nodeWasmLoader);
  for (let i = 0; i < 8; i++) { const t0 = performance.now(); const r = await all.analyze(text, 'a.js'); console.log('all', performance.now() - t0, r.findings.length); }
})();
