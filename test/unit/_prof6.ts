import { readdirSync, readFileSync } from 'node:fs';
import { createAnalyzer } from '../../src/core/analyzer/analyzer';
import { expressSessionDetector } from '../../src/core/analyzer/detectors/expressSessionDetector';
import { nodeWasmLoader } from './analyzerHelpers';
(async () => {
  const dir = 'test/fixtures/analyzer/typescript/';
  const files = readdirSync(dir).filter((f) => f.endsWith('.ts')).map((f) => readFileSync(dir + f, 'utf8'));
  let text = ''; let i = 0; while (text.length < 1_000_000) text += '\n' + files[i++ % files.length];
  text = text.slice(0, 1_000_000);
  const one = createAnalyzer(nodeWasmLoader, { detectors: [expressSessionDetector] });
  for (let k = 0; k < 3; k++) { const t0 = performance.now(); const r = await one.analyze(text, 'a.tsx'); console.log((performance.now() - t0).toFixed(0), r.findings.length); }
})();
