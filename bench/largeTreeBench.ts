// Large-tree scan: the shipped CLI (`dist/cli.js` from the unpacked VSIX) over a copy of this repository's
// node_modules (tens of thousands of files, real third-party code), against ESLint with one `no-restricted-syntax`
// rule using every core (`--concurrency auto`) on the same copy, and a regex floor (one process reading every file the
// analyzer would and running one regular expression over it). Each is timed as a whole process, start-up included,
// as a CI job pays it; the ratio is taken pair by pair, so a machine whose speed drifts during the run moves both.
//
// The copy lives in a temporary folder that is not called node_modules (both tools skip folders of that name) and is
// read once before timing, so every tool finds it in the page cache.

import { execFileSync, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { fmtMs, fmtRatio, type PartResult, type Row } from './report';
import { summarize } from './stats';

interface Options {
  readonly quick: boolean;
  readonly extensionDir: string;
}

const SECTION = 'Large-tree scan (a copy of node_modules, whole processes)';
/** The aim for the scan against ESLint on the same tree (issue 20). */
const TARGET_RATIO = 20;

/** Wall-clock milliseconds of one process run, with its stdout (the tools print their own file counts). */
function timed(command: string, args: readonly string[], cwd: string): { ms: number; stdout: string; status: number | null } {
  const started = performance.now();
  const run = spawnSync(command, args, { cwd, encoding: 'utf8', maxBuffer: 256 * 1024 * 1024, stdio: ['ignore', 'pipe', 'ignore'] });
  return { ms: performance.now() - started, stdout: run.stdout ?? '', status: run.status };
}

export async function largeTreeBench(options: Options): Promise<PartResult> {
  const repoRoot = path.resolve(__dirname, '..');
  const stage = fs.mkdtempSync(path.join(os.tmpdir(), 'statecraft-large-tree-'));
  try {
    const tree = path.join(stage, 'packages');
    execFileSync('cp', ['-R', path.join(repoRoot, 'node_modules'), tree]);
    const cli = path.join(options.extensionDir, 'dist', 'cli.js');
    const eslintConfig = path.join(stage, 'eslint.config.mjs');
    // One rule, JavaScript and TypeScript (TS through typescript-eslint's parser), as in the analyzer bench.
    fs.writeFileSync(
      eslintConfig,
      [
        `import tseslint from ${JSON.stringify(pathToFileURL(require.resolve('typescript-eslint')).href)};`,
        "const rules = { 'no-restricted-syntax': ['error', 'NewExpression[callee.name=\"Map\"]'] };",
        'export default [',
        "  { files: ['**/*.js', '**/*.jsx', '**/*.mjs', '**/*.cjs'], languageOptions: { ecmaVersion: 'latest', sourceType: 'module' }, rules },",
        "  { files: ['**/*.cjs'], languageOptions: { sourceType: 'commonjs' } },",
        "  { files: ['**/*.ts', '**/*.tsx', '**/*.mts', '**/*.cts'], languageOptions: { parser: tseslint.parser }, rules },",
        '];',
        '',
      ].join('\n'),
    );
    const eslintBin = path.join(repoRoot, 'node_modules', 'eslint', 'bin', 'eslint.js');
    const countFormatter = path.join(__dirname, 'eslintCountFormatter.cjs');
    const regexFloor = path.join(__dirname, 'regexFloorScan.mjs');
    const jobs = os.availableParallelism();

    const commands = {
      statecraft: [process.execPath, [cli, 'scan', '.', '--fail-on', 'none']] as const,
      eslint: [process.execPath, [eslintBin, '--config', eslintConfig, '--concurrency', 'auto', '--no-warn-ignored', '--format', countFormatter, '.']] as const,
      floor: [process.execPath, [regexFloor, '.']] as const,
    };
    // Warm-up: every file read once, so every tool finds the tree in the page cache.
    timed(commands.floor[0], commands.floor[1], tree);
    const runs = options.quick ? 1 : 3;
    const times = { statecraft: [] as number[], eslint: [] as number[], floor: [] as number[], ratio: [] as number[] };
    const counts = { statecraft: NaN, eslint: NaN, floor: NaN };
    for (let run = 0; run < runs; run++) {
      const ours = timed(commands.statecraft[0], commands.statecraft[1], tree);
      const eslint = timed(commands.eslint[0], commands.eslint[1], tree);
      const floor = timed(commands.floor[0], commands.floor[1], tree);
      // Each tool's own count of the files it read: statecraft's summary line, the count formatter, the floor's.
      counts.statecraft = Number(/\((\d+) files? analysed/.exec(ours.stdout)?.[1] ?? NaN);
      counts.eslint = Number(eslint.stdout.trim());
      counts.floor = Number(floor.stdout.trim());
      times.statecraft.push(ours.ms);
      times.eslint.push(eslint.ms);
      times.ratio.push(eslint.ms / ours.ms);
      times.floor.push(floor.ms);
    }
    const s = { statecraft: summarize(times.statecraft), eslint: summarize(times.eslint), floor: summarize(times.floor), ratio: summarize(times.ratio) };
    const filesPerSecond = (files: number, ms: number) => `${Math.round(files / (ms / 1000)).toLocaleString('en-US')} files/s`;
    const spread = (summary: { min: number; max: number }) => `${fmtMs(summary.min)}–${fmtMs(summary.max)} (min–max of ${runs})`;
    const rows: Row[] = [
      {
        section: SECTION,
        figure: `statecraft scan (shipped dist/cli.js, ${jobs} core(s)): ${counts.statecraft.toLocaleString('en-US')} files analysed`,
        median: fmtMs(s.statecraft.median),
        spread: spread(s.statecraft),
        ratio: `${filesPerSecond(counts.statecraft, s.statecraft.median)}; ${fmtRatio(s.ratio.median)} faster than ESLint (median of paired runs)`,
        budget: `≥ ${TARGET_RATIO}× faster than ESLint`,
        status: s.ratio.median >= TARGET_RATIO ? 'pass' : 'MISS',
      },
      {
        section: SECTION,
        figure: `ESLint + 1 no-restricted-syntax rule, --concurrency auto: ${counts.eslint.toLocaleString('en-US')} files linted`,
        median: fmtMs(s.eslint.median),
        spread: spread(s.eslint),
        ratio: filesPerSecond(counts.eslint, s.eslint.median),
        budget: '',
        status: 'info',
      },
      {
        section: SECTION,
        figure: `regex floor (one process, one regular expression per file): ${counts.floor.toLocaleString('en-US')} files read`,
        median: fmtMs(s.floor.median),
        spread: spread(s.floor),
        ratio: `${filesPerSecond(counts.floor, s.floor.median)}; statecraft ${fmtRatio(s.statecraft.median / s.floor.median)} the floor`,
        budget: '',
        status: 'info',
      },
    ];
    return { rows, details: { counts, times, jobs, loadAverage: os.loadavg() } };
  } finally {
    fs.rmSync(stage, { recursive: true, force: true });
  }
}
