import { readFileSync } from 'node:fs';
import { createAnalyzer } from '../../src/core/analyzer/analyzer';
import { nodeWasmLoader } from './analyzerHelpers';
(async () => {
  const a = createAnalyzer(nodeWasmLoader, { logger: { info: console.log, warn: console.log, error: console.log } });
  for (const f of process.argv.slice(2)) {
    const r = await a.analyze(readFileSync(f, 'utf8'), f.replace(/^.*\//, ''));
    console.log(f, JSON.stringify(r, null, 1));
  }
})();
