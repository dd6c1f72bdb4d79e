import { readdirSync, readFileSync } from 'node:fs';
import { createAnalyzer } from '../../src/core/analyzer/analyzer';
import { detectors } from '../../src/core/analyzer/detectors';
import { nodeWasmLoader } from './analyzerHelpers';
(async () => {
  const dir = 'test/fixtures/analyzer/typescript/';
  const files = readdirSync(dir).filter((f) => f.endsWith('.ts')).map((f) => readFileSync(dir + f, 'utf8'));
  let text = ''; let i = 0; while (text.length < 1_000_000) text += '\n' + files[i++ % files.length];
  text = text.slice(0, 1_000_000);
  const lang = process.argv[2] ?? 'tsx';
  const file = lang === 'tsx' ? 'a.tsx' : 'a.ts';
  const empty = createAnalyzer(nodeWasmLoader, { detectors: [{ id: 'x', languages: [lang as any], prefilter: () => true, detect: () => [] }] });
  await empty.analyze('x', file);
  for (let k = 0; k < 2; k++) { const t0 = performance.now(); await empty.analyze(text, file); console.log('parse only', performance.now() - t0); }
  const all = createAnalyzer(nodeWasmLoader);
  for (let k = 0; k < 3; k++) { const t0 = performance.now(); const r = await all.analyze(text, file); console.log('all', performance.now() - t0, r.findings.length); }
  for (const d of detectors.filter((d) => d.languages.includes(lang as any))) {
    const one = createAnalyzer(nodeWasmLoader, { detectors: [d] });
    await one.analyze(text, file);
    const t0 = performance.now(); const r = await one.analyze(text, file); console.log(d.id, (performance.now() - t0).toFixed(0), r.findings.length);
  }
})();
