// The Node half of `npm run bench`: sizes, search, note rendering and the analyzer, measured on the real core
// modules in plain Node. Run by scripts/bench.mjs as
//   node --import tsx bench/nodeBench.ts --extension <unpacked VSIX dir> --vsix <file> --out <json> [--quick]
// and writes { rows, details } (see report.ts) to --out. Progress goes to stderr.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { analyzerBench } from './analyzerBench';
import { largeTreeBench } from './largeTreeBench';
import { renderBench } from './renderBench';
import type { PartResult, Row } from './report';
import { searchBench } from './searchBench';
import { sizesBench } from './sizesBench';

function argument(name: string): string | undefined {
  const at = process.argv.indexOf(name);
  return at >= 0 ? process.argv[at + 1] : undefined;
}

async function main(): Promise<void> {
  const repoRoot = path.resolve(__dirname, '..');
  const options = {
    quick: process.argv.includes('--quick'),
    extensionDir: path.resolve(argument('--extension') ?? repoRoot),
    vsixPath: argument('--vsix'),
  };
  const out = argument('--out');
  const parts: [string, () => PartResult | Promise<PartResult>][] = [
    ['sizes', () => sizesBench(options)],
    ['search', () => searchBench(options)],
    ['render', () => renderBench(options)],
    ['analyzer', () => analyzerBench(options)],
    ['large-tree', () => largeTreeBench(options)],
  ];
  // `--only <part>` runs one part (for a quick look at one figure; `npm run bench` runs them all).
  const only = argument('--only');
  if (only !== undefined) parts.splice(0, parts.length, ...parts.filter(([name]) => name === only));
  const rows: Row[] = [];
  const details: Record<string, unknown> = {};
  for (const [name, run] of parts) {
    const started = performance.now();
    process.stderr.write(`[bench] node: ${name}…\n`);
    const result = await run();
    rows.push(...result.rows);
    details[name] = result.details;
    process.stderr.write(`[bench] node: ${name} done in ${((performance.now() - started) / 1000).toFixed(1)} s\n`);
  }
  const json = JSON.stringify({ rows, details }, null, 2);
  if (out) fs.writeFileSync(out, json);
  else process.stdout.write(`${json}\n`);
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.stack ?? error.message : String(error)}\n`);
  process.exit(1);
});
