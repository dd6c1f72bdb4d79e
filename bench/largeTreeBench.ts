// Large-tree scan: the shipped CLI (`dist/cli.js` from the unpacked VSIX, its worker `dist/worker.js` beside it) over
// a copy of this repository's node_modules (tens of thousands of files, real third-party code), with every core
// (`--jobs auto`, the default) and on the main thread alone (`--jobs 1`), against ESLint with one
// `no-restricted-syntax` rule using every core (`--concurrency auto`) on the same copy, and a regex floor (one process
// reading every file the analyzer would and running one regular expression over it). Each is timed as a whole process,
// start-up included, as a CI job pays it; ratios are taken run by run (the four tools run back to back in each run),
// so a machine whose speed drifts during the run moves both sides of a ratio. Row names carry no counts: they stay
// the same from run to run; the counts are in the ratio column.
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
    // STATECRAFT_LARGE_TREE=<folder> benches another tree (your own monorepo; a small folder for a smoke run).
    // The real folder: a worktree's node_modules may be a symbolic link, which `cp -R` would copy as a link.
    execFileSync('cp', ['-R', fs.realpathSync(path.resolve(process.env.STATECRAFT_LARGE_TREE ?? path.join(repoRoot, 'node_modules'))), tree]);
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
      statecraft: [process.execPath, [cli, 'scan', '.', '--fail-on', 'none', '--jobs', 'auto']] as const,
      single: [process.execPath, [cli, 'scan', '.', '--fail-on', 'none', '--jobs', '1']] as const,
      eslint: [process.execPath, [eslintBin, '--config', eslintConfig, '--concurrency', 'auto', '--no-warn-ignored', '--format', countFormatter, '.']] as const,
      floor: [process.execPath, [regexFloor, '.']] as const,
    };
    // Warm-up: every file read once, so every tool finds the tree in the page cache.
    timed(commands.floor[0], commands.floor[1], tree);
    const runs = options.quick ? 1 : 3;
    const times = { statecraft: [] as number[], single: [] as number[], eslint: [] as number[], floor: [] as number[] };
    const ratios = { eslint: [] as number[], singleEslint: [] as number[], jobs: [] as number[], floor: [] as number[] };
    const counts = { statecraft: NaN, single: NaN, eslint: NaN, floor: NaN };
    const analysed = (stdout: string) => Number(/\((\d+) files? analysed/.exec(stdout)?.[1] ?? NaN);
    for (let run = 0; run < runs; run++) {
      const ours = timed(commands.statecraft[0], commands.statecraft[1], tree);
      const single = timed(commands.single[0], commands.single[1], tree);
      const eslint = timed(commands.eslint[0], commands.eslint[1], tree);
      const floor = timed(commands.floor[0], commands.floor[1], tree);
      // Each tool's own count of the files it read: statecraft's summary line, the count formatter, the floor's.
      counts.statecraft = analysed(ours.stdout);
      counts.single = analysed(single.stdout);
      counts.eslint = Number(eslint.stdout.trim());
      counts.floor = Number(floor.stdout.trim());
      times.statecraft.push(ours.ms);
      times.single.push(single.ms);
      times.eslint.push(eslint.ms);
      times.floor.push(floor.ms);
      ratios.eslint.push(eslint.ms / ours.ms);
      ratios.singleEslint.push(eslint.ms / single.ms);
      ratios.jobs.push(single.ms / ours.ms);
      ratios.floor.push(ours.ms / floor.ms);
    }
    const s = { statecraft: summarize(times.statecraft), single: summarize(times.single), eslint: summarize(times.eslint), floor: summarize(times.floor) };
    const r = { eslint: summarize(ratios.eslint), singleEslint: summarize(ratios.singleEslint), jobs: summarize(ratios.jobs), floor: summarize(ratios.floor) };
    const filesPerSecond = (files: number, ms: number) => `${Math.round(files / (ms / 1000)).toLocaleString('en-US')} files/s`;
    const spread = (summary: { min: number; max: number }) => `${fmtMs(summary.min)}–${fmtMs(summary.max)} (min–max of ${runs})`;
    // A ratio as words: "3.1× faster than X" or "1.3× slower than X" (ratio = X's time / ours).
    const versus = (ratio: number, peer: string) => (ratio >= 1 ? `${fmtRatio(ratio)} faster than ${peer}` : `${fmtRatio(1 / ratio)} slower than ${peer}`);
    const count = (files: number, what: string) => `${files.toLocaleString('en-US')} files ${what}`;
    const rows: Row[] = [
      {
        section: SECTION,
        figure: 'statecraft scan --jobs auto (shipped dist/cli.js, worker threads)',
        median: fmtMs(s.statecraft.median),
        spread: spread(s.statecraft),
        ratio: `${filesPerSecond(counts.statecraft, s.statecraft.median)} (${count(counts.statecraft, 'analysed')}, ${jobs} worker(s)); ${versus(r.eslint.median, 'ESLint')}; ${versus(r.jobs.median, '--jobs 1')} (medians of per-run ratios)`,
        budget: `≥ ${TARGET_RATIO}× faster than ESLint`,
        status: r.eslint.median >= TARGET_RATIO ? 'pass' : 'MISS',
      },
      {
        section: SECTION,
        figure: 'statecraft scan --jobs 1 (shipped dist/cli.js, main thread)',
        median: fmtMs(s.single.median),
        spread: spread(s.single),
        ratio: `${filesPerSecond(counts.single, s.single.median)} (${count(counts.single, 'analysed')}); ${versus(r.singleEslint.median, 'ESLint')}`,
        budget: '',
        status: 'info',
      },
      {
        section: SECTION,
        figure: 'ESLint + 1 no-restricted-syntax rule, --concurrency auto',
        median: fmtMs(s.eslint.median),
        spread: spread(s.eslint),
        ratio: `${filesPerSecond(counts.eslint, s.eslint.median)} (${count(counts.eslint, 'linted')})`,
        budget: '',
        status: 'info',
      },
      {
        section: SECTION,
        figure: 'regex floor (one process, one regular expression per file)',
        median: fmtMs(s.floor.median),
        spread: spread(s.floor),
        ratio: `${filesPerSecond(counts.floor, s.floor.median)} (${count(counts.floor, 'read')}); statecraft --jobs auto takes ${fmtRatio(r.floor.median)} the floor's time`,
        budget: '',
        status: 'info',
      },
    ];
    return { rows, details: { counts, times, ratios, jobs, loadAverage: os.loadavg() } };
  } finally {
    fs.rmSync(stage, { recursive: true, force: true });
  }
}
