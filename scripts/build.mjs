// Builds everything the extension and the CLI ship: esbuild bundles, the bundled notes catalog (notes parsed and
// the search index built once, here, instead of at run time) and the tree-sitter grammars.
//   node scripts/build.mjs               development build (source maps)
//   node scripts/build.mjs --production  minified, as packaged into the VSIX
//   node scripts/build.mjs --tests       also bundles the in-host integration suite into out/
import * as esbuild from 'esbuild';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const production = process.argv.includes('--production');
const withTests = process.argv.includes('--tests');
const dist = path.join(root, 'dist');

/**
 * The tree-sitter runtime asks for its own script URL at load time (to find tree-sitter.wasm) and throws in a web
 * worker, where there is neither `__filename` nor `document`. We hand it the wasm bytes ourselves (parserHost.ts),
 * so in the web bundle any URL will do: fall back to the worker's location instead of throwing.
 */
const treeSitterInWebWorker = {
  name: 'tree-sitter-in-web-worker',
  setup(build) {
    build.onLoad({ filter: /tree-sitter-wasm[\\/]wasm[\\/]tree-sitter\.js$/ }, async (args) => {
      const source = await fs.promises.readFile(args.path, 'utf8');
      const marker = "throw new Error('Unable to determine script URL');";
      if (!source.includes(marker)) throw new Error('tree-sitter.js changed: review the web worker workaround in scripts/build.mjs');
      return { contents: source.replace(marker, "return (typeof self !== 'undefined' && self.location && self.location.href) || 'file:///tree-sitter.js';"), loader: 'js' };
    });
  },
};

const common = {
  bundle: true,
  minify: production,
  sourcemap: production ? false : 'linked',
  logLevel: 'warning',
  legalComments: 'none',
  target: 'es2022',
};

// The web-tree-sitter runtime (emscripten) mentions Node built-ins in a branch it takes only under Node; in the web
// worker bundle they stay unresolved requires that never run.
const nodeBuiltinsForBrowser = ['fs', 'fs/promises', 'path', 'url', 'module', 'crypto', 'os', 'child_process', 'node:fs', 'node:fs/promises', 'node:path', 'node:url', 'node:module', 'node:crypto', 'node:os', 'node:child_process', 'worker_threads', 'node:worker_threads'];

/**
 * Lazily loaded feature bundles for the Node extension host (issue 15): every dynamic `import()` in our own code
 * (the notes core with YAML and markdown-it, search with MiniSearch, the renderer, the CLI's SARIF formatter, ...)
 * becomes its own bundle in dist/lazy/, required on first use, so activation loads only dist/extension.js.
 * Each lazy bundle hands VS Code's localisation bundle to its own copy of @vscode/l10n on load (as
 * shareLocalizationBundleWithCore does for the main bundle). The web worker build stays one file.
 */
function lazyFeatureBundles(lazyEntries, prefix) {
  return {
    name: 'lazy-feature-bundles',
    setup(build) {
      build.onResolve({ filter: /^\./ }, (args) => {
        if (args.kind !== 'dynamic-import' || args.importer.includes('node_modules')) return undefined;
        const source = path.resolve(path.dirname(args.importer), args.path.replace(/\.js$/, '.ts'));
        const name = path.relative(path.join(root, 'src'), source).replace(/\.ts$/, '').replace(/[\\/]/g, '.');
        lazyEntries.set(name, source);
        return { path: `${prefix}${name}.js`, external: true };
      });
    },
  };
}

async function buildLazyBundles(lazyEntries) {
  const built = new Set();
  while (built.size < lazyEntries.size) {
    const pending = [...lazyEntries].filter(([name]) => !built.has(name));
    await Promise.all(pending.map(([name, source]) => {
      built.add(name);
      return esbuild.build({
        ...common,
        stdin: {
          contents: [
            "import * as vscode from 'vscode';",
            "import * as l10n from '@vscode/l10n';",
            'if (vscode.l10n.bundle) l10n.config({ contents: vscode.l10n.bundle });',
            `export * from ${JSON.stringify(source)};`,
          ].join('\n'),
          resolveDir: root,
          sourcefile: `lazy/${name}.ts`,
          loader: 'ts',
        },
        outfile: path.join(dist, 'lazy', `${name}.js`),
        platform: 'node',
        format: 'cjs',
        external: ['vscode'],
        supported: { 'dynamic-import': false },
        define: { STATECRAFT_HOST: '"node"' },
        plugins: [lazyFeatureBundles(lazyEntries, './')],
      });
    }));
  }
}

async function buildBundles() {
  const lazyEntries = new Map();
  fs.rmSync(dist, { recursive: true, force: true });
  await Promise.all([
    esbuild.build({
      ...common,
      entryPoints: [path.join(root, 'src/extension.ts')],
      outfile: path.join(dist, 'extension.js'),
      platform: 'node',
      format: 'cjs',
      external: ['vscode'],
      // Keeps only the Node branch of analysisWorkerHost.ts: the analyzer runs in dist/worker.js, not in this bundle.
      define: { STATECRAFT_HOST: '"node"' },
      // `import()` becomes `require()` of the lazy bundle: plain CommonJS, as the extension host loads extensions.
      supported: { 'dynamic-import': false },
      plugins: [lazyFeatureBundles(lazyEntries, './lazy/')],
    }),
    // The same extension for the web worker extension host (vscode.dev, github.dev, code-server's web host):
    // no Node APIs in what it runs; notes and grammars are read through vscode.workspace.fs.
    esbuild.build({
      ...common,
      entryPoints: [path.join(root, 'src/extension.ts')],
      outfile: path.join(dist, 'web', 'extension.js'),
      platform: 'browser',
      format: 'cjs',
      mainFields: ['browser', 'module', 'main'],
      external: ['vscode', ...nodeBuiltinsForBrowser],
      define: { 'process.env.NODE_ENV': '"production"', STATECRAFT_HOST: '"web"' },
      plugins: [treeSitterInWebWorker],
    }),
    // The analysis worker (issue 15): worker_threads under Node (the extension host and the CLI's pool start
    // dist/worker.js), a Web Worker in the web worker host (dist/web/worker.js). Same core service in both.
    esbuild.build({
      ...common,
      entryPoints: [path.join(root, 'src/worker/nodeAnalysisWorker.ts')],
      outfile: path.join(dist, 'worker.js'),
      platform: 'node',
      format: 'cjs',
    }),
    esbuild.build({
      ...common,
      entryPoints: [path.join(root, 'src/worker/webAnalysisWorker.ts')],
      outfile: path.join(dist, 'web', 'worker.js'),
      platform: 'browser',
      format: 'iife',
      mainFields: ['browser', 'module', 'main'],
      external: nodeBuiltinsForBrowser,
      define: { 'process.env.NODE_ENV': '"production"' },
      plugins: [treeSitterInWebWorker],
    }),
    esbuild.build({
      ...common,
      entryPoints: [path.join(root, 'src/cli.ts')],
      outfile: path.join(dist, 'cli.js'),
      platform: 'node',
      format: 'cjs',
      banner: { js: '#!/usr/bin/env node' },
    }),
    // The GitHub Action's entry point (action.yml: runs.using node24, main dist/action.js).
    esbuild.build({
      ...common,
      entryPoints: [path.join(root, 'src/action.ts')],
      outfile: path.join(dist, 'action.js'),
      platform: 'node',
      format: 'cjs',
    }),
  ]);
  await buildLazyBundles(lazyEntries);
  assertLazyBundlesUsed(lazyEntries);
  fs.chmodSync(path.join(dist, 'cli.js'), 0o755);
}

/**
 * Every lazy bundle must be required by the extension bundle or another lazy bundle. An `import()` that only a dead
 * branch holds still emits one (esbuild resolves imports before it drops code), and it would ship in the VSIX unused:
 * guard such an import with a condition the `define` folds to false (see analysisWorkerHost.ts inProcessFallback).
 */
function assertLazyBundlesUsed(lazyEntries) {
  const texts = [path.join(dist, 'extension.js'), ...[...lazyEntries.keys()].map((name) => path.join(dist, 'lazy', `${name}.js`))].map((file) => [file, fs.readFileSync(file, 'utf8')]);
  const unused = [...lazyEntries.keys()].filter((name) =>
    !texts.some(([file, text]) => !file.endsWith(`${path.sep}${name}.js`) && text.includes(`require("./${file.endsWith('extension.js') ? 'lazy/' : ''}${name}.js")`)),
  );
  if (unused.length > 0) {
    throw new Error(`lazy bundles nothing requires (they would ship unused): ${unused.map((name) => `dist/lazy/${name}.js`).join(', ')}`);
  }
}

async function copyGrammars() {
  // Exactly the grammars the file-kind table (src/core/analyzer/languages.ts) names, plus the runtime's wasm.
  const { tsImport } = await import('tsx/esm/api');
  const { grammarFiles, grammarLocation } = await tsImport('../src/core/analyzer/languages.ts', import.meta.url);
  const to = path.join(dist, 'grammars');
  fs.mkdirSync(to, { recursive: true });
  for (const file of grammarFiles()) {
    // Most grammars ship in @vscode/tree-sitter-wasm/wasm; HCL and Bicep in their own packages' roots.
    const { packageName, folder } = grammarLocation(file);
    fs.copyFileSync(path.join(root, 'node_modules', packageName, folder, file), path.join(to, file));
  }
}

async function buildCatalog() {
  // The same loader as `statecraft notes check` and the extension: an invalid bundled note fails the build.
  const { tsImport } = await import("tsx/esm/api");
  const { loadCatalogFromContentFolder } = await tsImport('../src/cli/contentFolder.ts', import.meta.url);
  const { isError } = await tsImport('../src/core/notes/frontMatterChecker.ts', import.meta.url);
  const catalog = await loadCatalogFromContentFolder(path.join(root, 'content'));
  const errors = catalog.problems.filter(isError);
  if (errors.length > 0) {
    for (const problem of errors) console.error(problem.message);
    throw new Error(`content/ has ${errors.length} problem(s) in its notes; fix them or run \`statecraft notes check content\``);
  }
  fs.writeFileSync(path.join(dist, 'catalog.json'), JSON.stringify(catalog));
}

async function buildTests() {
  const out = path.join(root, 'out/test/integration');
  fs.rmSync(out, { recursive: true, force: true });
  await esbuild.build({
    ...common,
    minify: false,
    sourcemap: 'inline',
    entryPoints: {
      index: path.join(root, 'test/integration/index.ts'),
      suites: path.join(root, 'test/integration/suites.ts'),
    },
    outdir: out,
    platform: 'node',
    format: 'cjs',
    external: ['vscode', 'mocha'],
  });
}

await buildBundles();
await copyGrammars();
await buildCatalog();
if (withTests) await buildTests();
console.log(`built ${production ? 'production' : 'development'} bundles into dist/${withTests ? ' and the integration suite into out/' : ''}`);
