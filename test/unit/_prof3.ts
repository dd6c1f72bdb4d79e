import { readdirSync, readFileSync } from 'node:fs';
import { createAnalyzer } from '../../src/core/analyzer/analyzer';
import { detectors } from '../../src/core/analyzer/detectors';
import { nodeWasmLoader } from './analyzerHelpers';
(async () => {
  const dir = 'test/fixtures/analyzer/javascript/';
  const files = readdirSync(dir).filter((f) => f.endsWith('.js')).map((f) => readFileSync(dir + f, 'utf8'));
  const text = Array.from({ length: 400 }, (_, i) => files[i % files.length]).join('\n');
  console.log('size', text.length);
  const empty = createAnalyzer(nodeWasmLoader, { detectors: [{ id: 'x', languages: ['javascript'], prefilter: () => true, detect: () => [] }] });
  await empty.analyze('x', 'a.js');
  for (let i = 0; i < 2; i++) { const t0 = performance.now(); await empty.analyze(text, 'a.js'); console.log('parse only', performance.now() - t0); }
  for (const d of detectors.filter((d) => d.languages.includes('javascript'))) {
    const one = createAnalyzer(nodeWasmLoader, { detectors: [d] });
    await one.analyze('x', 'a.js');
    for (let i = 0; i < 2; i++) { const t0 = performance.now(); const r = await one.analyze(text, 'a.js'); console.log(d.id, performance.now() - t0, r.findings.length); }
  }
  const all = createAnalyzer(nodeWasmLoader);
  for (let i = 0; i < 2; i++) { const t0 = performance.now(); const r = await all.analyze(text, 'a.js'); console.log('all', performance.now() - t0, r.findings.length); }
})();
