// Sizes of what ships (read from the unpacked VSIX, i.e. exactly what users download) and what each dependency
// contributes to dist/extension.js, from an esbuild metafile of the same production build (same options as
// scripts/build.mjs; not written to disk).
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as esbuild from 'esbuild';
import type { BenchOptions } from './options';
import { fmtBytes, valueRow, type PartResult, type Row } from './report';

const SECTION = 'Sizes (as packaged)';
const repoRoot = path.resolve(__dirname, '..');

function dirSize(dir: string): number {
  return fs.readdirSync(dir, { withFileTypes: true }).reduce((sum, entry) => {
    const full = path.join(dir, entry.name);
    return sum + (entry.isDirectory() ? dirSize(full) : fs.statSync(full).size);
  }, 0);
}

/** "markdown-it", "@vscode/tree-sitter-wasm", or "src (Statecraft)" for our own code. */
function ownerOf(input: string): string {
  const match = /(?:^|\/)node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(input.split(path.sep).join('/'));
  if (match) return match[1];
  return input.startsWith('src/') ? 'src (Statecraft)' : 'other';
}

/** Bytes each package contributes to the minified node bundle of the extension. */
export async function dependencyContributions(): Promise<{ total: number; byOwner: [string, number][] }> {
  const result = await esbuild.build({
    absWorkingDir: repoRoot,
    entryPoints: [path.join(repoRoot, 'src/extension.ts')],
    outfile: path.join(repoRoot, 'out/bench-metafile/extension.js'),
    bundle: true,
    minify: true,
    sourcemap: false,
    legalComments: 'none',
    target: 'es2022',
    platform: 'node',
    format: 'cjs',
    external: ['vscode'],
    metafile: true,
    write: false,
    logLevel: 'silent',
  });
  const output = Object.values(result.metafile.outputs).find((o) => o.entryPoint !== undefined) ?? Object.values(result.metafile.outputs)[0];
  const byOwner = new Map<string, number>();
  for (const [input, info] of Object.entries(output.inputs)) {
    byOwner.set(ownerOf(input), (byOwner.get(ownerOf(input)) ?? 0) + info.bytesInOutput);
  }
  return { total: output.bytes, byOwner: [...byOwner.entries()].sort((a, b) => b[1] - a[1]) };
}

export async function sizesBench(options: BenchOptions & { readonly vsixPath?: string }): Promise<PartResult> {
  const dist = path.join(options.extensionDir, 'dist');
  const files: [string, number][] = [
    ['dist/extension.js (Node host)', fs.statSync(path.join(dist, 'extension.js')).size],
    ['dist/web/extension.js (web worker host)', fs.statSync(path.join(dist, 'web', 'extension.js')).size],
    ['dist/cli.js', fs.statSync(path.join(dist, 'cli.js')).size],
    ['dist/catalog.json (notes + search index)', fs.statSync(path.join(dist, 'catalog.json')).size],
    [`dist/grammars (${fs.readdirSync(path.join(dist, 'grammars')).length} wasm files)`, dirSize(path.join(dist, 'grammars'))],
  ];
  if (options.vsixPath) files.push([`VSIX (${path.basename(options.vsixPath)})`, fs.statSync(options.vsixPath).size]);
  const rows: Row[] = files.map(([name, bytes]) => valueRow(SECTION, name, fmtBytes(bytes)));
  const contributions = await dependencyContributions();
  const shipped = files[0][1];
  for (const [owner, bytes] of contributions.byOwner) {
    rows.push(valueRow(SECTION, `  in dist/extension.js: ${owner}`, fmtBytes(bytes), { ratio: `${((bytes / contributions.total) * 100).toFixed(1)}% of the bundle` }));
  }
  return {
    rows,
    details: {
      files: Object.fromEntries(files),
      extensionBundle: { metafileTotal: contributions.total, shipped, byOwner: Object.fromEntries(contributions.byOwner) },
    },
  };
}
