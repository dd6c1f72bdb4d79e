// `npm run bench` (not part of `npm test`): the performance benchmark. Packages the extension (vsce runs
// `vscode:prepublish`, i.e. `node scripts/build.mjs --production`), unpacks the VSIX so every figure is taken on
// exactly what ships, runs the Node micro-benchmarks (bench/nodeBench.ts, in a child process), then the real
// VS Code parts (bench/vscodeBench.mts: VSIX in fresh code-servers against the built-in extensions, and the
// in-host bench bench/inHost in development mode). Prints ONE table, writes bench-results/latest.json and
// bench-results/latest.md, and exits 1 naming every missed budget.
//   node scripts/bench.mjs           full run (about 3 minutes here)
//   node scripts/bench.mjs --quick   fewer repetitions and starts, a smoke run (about 1.5 minutes)
//   node scripts/bench.mjs --only <part>   one Node part on the packaged build (sizes, search, render, analyzer,
//                                           large-tree), no VS Code; written to bench-results/only-<part>.json/.md
// Ratios measured in one run are the headline: absolute times on a shared 2-core machine are noisy.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import * as esbuild from 'esbuild';
import { tsImport } from 'tsx/esm/api';
import { ensureCodeServer, installVsix, makeProfile, repoRoot } from './lib/codeServer.mjs';

const quick = process.argv.includes('--quick');
const NODE_PARTS = ['sizes', 'search', 'render', 'analyzer', 'large-tree'];
const onlyAt = process.argv.indexOf('--only');
const only = onlyAt >= 0 ? process.argv[onlyAt + 1] : undefined;
if (onlyAt >= 0 && !NODE_PARTS.includes(only)) {
  console.error(`bench: --only needs one of ${NODE_PARTS.join(', ')}, got ${only === undefined ? 'nothing' : `"${only}"`}`);
  process.exit(2);
}
const started = Date.now();
// Other work on the machine shows in every absolute time; the load average says how much there was.
const loadAtStart = os.loadavg();
const log = (message) => process.stderr.write(`[bench] ${message}\n`);
const elapsed = () => `${((Date.now() - started) / 1000).toFixed(0)} s`;

const pkg = JSON.parse(fs.readFileSync(path.join(repoRoot, 'package.json'), 'utf8'));
const stage = fs.mkdtempSync(path.join(os.tmpdir(), 'statecraft-bench-'));
process.on('exit', () => fs.rmSync(stage, { recursive: true, force: true }));
const resultsDir = path.join(repoRoot, 'bench-results');

// 1. Package. The bench reads everything from its own unpacked copy, so a build started meanwhile (another
// terminal running the tests rebuilds dist/ in development mode) cannot change what is measured.
log('packaging the production build (vsce package runs scripts/build.mjs --production)…');
const vsixPath = path.join(stage, `${pkg.name}-${pkg.version}.vsix`);
execFileSync(path.join(repoRoot, 'node_modules/.bin/vsce'), ['package', '--no-dependencies', '--out', vsixPath], { cwd: repoRoot, stdio: ['ignore', 'ignore', 'inherit'] });
const extensionDir = unpackVsix(vsixPath);
const shippedBundle = fs.readFileSync(path.join(extensionDir, 'dist/extension.js'), 'utf8');
if (shippedBundle.includes('sourceMappingURL')) {
  throw new Error('the VSIX holds a development build (a concurrent `node scripts/build.mjs` replaced dist/ while packaging); run the bench again');
}

/** The VSIX's extension/ folder, unpacked with unzip, or installed by code-server where unzip is missing. */
function unpackVsix(vsix) {
  const unpacked = path.join(stage, 'unpacked');
  try {
    execFileSync('unzip', ['-q', vsix, '-d', unpacked]);
    return path.join(unpacked, 'extension');
  } catch (error) {
    if (error.code !== 'ENOENT') throw error;
    const profile = makeProfile('bench-unpack');
    installVsix(vsix, profile);
    return path.join(profile.extensionsDir, `${pkg.publisher}.${pkg.name}-${pkg.version}`);
  }
}

// 2. The in-host module, bundled like the integration suite (vscode stays external), with its options beside it.
const inHostDir = path.join(stage, 'inHost');
await esbuild.build({
  entryPoints: [path.join(repoRoot, 'bench/inHost/index.ts')],
  outfile: path.join(inHostDir, 'index.js'),
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'es2022',
  external: ['vscode'],
  logLevel: 'warning',
});
fs.writeFileSync(path.join(inHostDir, 'config.json'), JSON.stringify({ quick }));
log(`built in ${elapsed()}`);

// 3. Node micro-benchmarks, in their own process (no browser or server sharing its heap).
const nodeOut = path.join(stage, 'node.json');
execFileSync(process.execPath, ['--import', 'tsx', path.join(repoRoot, 'bench/nodeBench.ts'), '--extension', extensionDir, '--vsix', vsixPath, '--out', nodeOut, ...(quick ? ['--quick'] : []), ...(only ? ['--only', only] : [])], {
  cwd: repoRoot,
  stdio: ['ignore', 'inherit', 'inherit'],
});
const nodePart = JSON.parse(fs.readFileSync(nodeOut, 'utf8'));
log(`node micro-benchmarks done at ${elapsed()}`);

// 4. Real VS Code (code-server), unless one Node part was asked for.
let codeServerVersion = 'not run (--only)';
let vscodePart = { rows: [], details: {} };
if (only === undefined) {
  const { codeServerBin, nodeBin } = ensureCodeServer();
  codeServerVersion = execFileSync(codeServerBin, ['--version'], { env: { ...process.env, PATH: `${nodeBin}${path.delimiter}${process.env.PATH}` } }).toString().trim().split('\n')[0];
  const { vscodeBench } = await tsImport('../bench/vscodeBench.mts', import.meta.url);
  vscodePart = await vscodeBench({ quick, vsixPath, extensionDir, inHostPath: path.join(inHostDir, 'index.js') });
  log(`real VS Code parts done at ${elapsed()}`);
}

// 5. One table, VS Code figures first.
const { renderTable, missedBudgets } = await tsImport('../bench/report.ts', import.meta.url);
const rows = [...vscodePart.rows, ...nodePart.rows];
const table = renderTable(rows);
const missed = missedBudgets(rows);
const machine = {
  cpus: os.cpus().length,
  cpuModel: os.cpus()[0]?.model ?? 'unknown',
  memory: `${(os.totalmem() / 1024 ** 3).toFixed(1)} GiB RAM`,
  loadAverage: `${loadAtStart.map((load) => load.toFixed(2)).join(' ')} at the start, ${os.loadavg().map((load) => load.toFixed(2)).join(' ')} at the end (1, 5, 15 min)`,
  os: `${os.type()} ${os.release()} ${os.arch()}`,
  node: process.version,
  codeServer: codeServerVersion,
};
const flags = [...(quick ? ['--quick'] : []), ...(only ? ['--only', only] : [])];
const command = `npm run bench${flags.length > 0 ? ` -- ${flags.join(' ')}` : ''}`;
// A partial run never replaces the full run's results.
const resultsName = only === undefined ? 'latest' : `only-${only}`;
const summaryLines = [
  `Machine: ${machine.cpus} × ${machine.cpuModel}; ${machine.memory}; load average ${machine.loadAverage}; ${machine.os}; Node ${machine.node}; code-server ${machine.codeServer}.`,
  `Command: \`${command}\` (${new Date().toISOString()}, ${elapsed()}).`,
];
fs.mkdirSync(resultsDir, { recursive: true });
fs.writeFileSync(path.join(resultsDir, `${resultsName}.json`), JSON.stringify({
  date: new Date().toISOString(),
  command,
  quick,
  machine,
  durationSeconds: Math.round((Date.now() - started) / 1000),
  missedBudgets: missed.map((row) => `${row.section}: ${row.figure} (${row.median}, budget ${row.budget})`),
  rows,
  details: { vscode: vscodePart.details, node: nodePart.details },
}, null, 2));
fs.writeFileSync(path.join(resultsDir, `${resultsName}.md`), `${table}\n\n${summaryLines.join('\n')}\n`);

console.log(`\n${table}\n`);
for (const line of summaryLines) console.log(line);
console.log(`Written: bench-results/${resultsName}.json, bench-results/${resultsName}.md`);
if (missed.length > 0) {
  console.log(`\n${missed.length} budget(s) missed:`);
  for (const row of missed) console.log(`  - ${row.figure}: ${row.median} (budget ${row.budget}) [${row.section}]`);
  process.exit(1);
}
console.log('\nAll budgets met.');
