// The in-host half of `npm run bench`: runs INSIDE code-server's real extension host (development mode, loaded
// like the integration suite through `extensionTestsPath`), with the production build of the extension. It
// measures what only the host can show: code loading (a fresh `require` of a copy of dist/extension.js), the
// activate() time the extension reports, the heap of the extension host around activation, one search and one
// analysis, the CodeLens latency on a 2,000-line file, and the host's own activation records ("Developer: Startup
// Performance"). It prints one result line with raw samples; bench/vscodeBench.mts summarises them.
import * as fs from 'fs';
import { createRequire } from 'module';
import { monitorEventLoopDelay } from 'perf_hooks';
import * as os from 'os';
import * as path from 'path';
import * as v8 from 'v8';
import * as vm from 'vm';
import * as vscode from 'vscode';
import { Worker } from 'worker_threads';
import type { StatecraftTestApi } from '../../src/extension';
import { parseActivationStats, type ActivationRecord } from '../activationStats';
import { expressServerSource } from '../generators';
import { attribute, withCpuProfile, type Attribution } from './hostProfile';

const RESULT_PREFIX = 'STATECRAFT_BENCH_RESULT ';
const EXTENSION_ID = 'statecraft.statecraft';

interface InHostConfig {
  readonly quick: boolean;
}

function readConfig(): InHostConfig {
  const file = path.join(__dirname, 'config.json');
  return fs.existsSync(file) ? (JSON.parse(fs.readFileSync(file, 'utf8')) as InHostConfig) : { quick: false };
}

/** A way to collect garbage before reading the heap, or why there is none. */
function findGc(): { gc?: () => void; how: string } {
  const exposed = (globalThis as { gc?: () => void }).gc;
  if (typeof exposed === 'function') return { gc: exposed, how: 'globalThis.gc' };
  try {
    // The extension host does not expose gc; the V8 flag can still be set at run time (bench-only, throwaway host).
    v8.setFlagsFromString('--expose-gc');
    const gc = vm.runInNewContext('gc') as unknown;
    if (typeof gc === 'function') return { gc: gc as () => void, how: "v8.setFlagsFromString('--expose-gc') at run time" };
  } catch {
    // fall through
  }
  return { how: 'not available: heap figures include uncollected garbage' };
}

function delay(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** Times a fresh require of copies of the bundle: each copy has a new name, so neither Node's module cache nor V8's script cache hides the cost. */
function codeLoadingSamples(bundle: string, count: number): { samples: number[]; where: string; error?: string } {
  const nodeRequire = createRequire(__filename);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'statecraft-bench-require-'));
  const samples: number[] = [];
  try {
    for (let index = 0; index < count; index++) {
      const copy = path.join(dir, `extension-copy-${index}.js`);
      fs.copyFileSync(bundle, copy);
      const started = performance.now();
      nodeRequire(copy);
      samples.push(performance.now() - started);
    }
    return { samples, where: dir };
  } catch (error) {
    return { samples, where: dir, error: error instanceof Error ? error.message : String(error) };
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

/** The host's own activation records, from "Developer: Startup Performance" (its text model is synced to this host). */
async function hostActivationRecords(): Promise<{ records: ActivationRecord[]; error?: string }> {
  await vscode.commands.executeCommand('perfview.show');
  const deadline = Date.now() + 20_000;
  while (Date.now() < deadline) {
    for (const document of vscode.workspace.textDocuments) {
      const records = parseActivationStats(document.getText());
      if (records.some((record) => record.extension === EXTENSION_ID)) {
        await vscode.commands.executeCommand('workbench.action.closeActiveEditor');
        return { records };
      }
    }
    await delay(250);
  }
  return { records: [], error: 'the Startup Performance view did not list statecraft.statecraft within 20 s' };
}

/** One newly opened 2,000-line file; times in ms from the start of openTextDocument, except codeLensMs (from shown). */
export interface ColdSample {
  /** openTextDocument + showTextDocument. */
  readonly openMs: number;
  /** openTextDocument alone: from here the document exists in the host. */
  readonly documentMs: number;
  /** vscode.executeCodeLensProvider (every provider, through the window), timed after open + show. */
  readonly codeLensMs: number;
  /** The hints manager's analysis of the document settled. */
  readonly analysisMs: number;
  /** Statecraft's CodeLens provider, asked when the document existed, answered (`provided` lenses). */
  readonly providerMs: number;
  readonly provided: number;
  /** VS Code first asked a CodeLens provider that answers at once (the peer) for this file. */
  readonly peerAskedMs: number;
  readonly lenses: number;
  /**
   * Control: a bench-owned worker thread's echo of the document's text, posted when the document arrived, timed from
   * the start of the open. No analysis at all: the floor for any extension's off-thread work on this machine.
   */
  readonly echoMs: number;
  readonly loopDelayMaxMs: number;
  readonly loopDelayMeanMs: number;
}

async function codeLensTimes(api: StatecraftTestApi, folder: vscode.Uri, quick: boolean, heapAfterFirst: () => void) {
  const coldFiles = quick ? 2 : 4;
  const warmReps = quick ? 4 : 12;
  const cold: ColdSample[] = [];
  let last: vscode.TextDocument | undefined;
  // The peer for "when does VS Code ask": a CodeLens provider that answers nothing at once, on the bench's files. Its
  // first call after a file opens is the earliest any extension's CodeLens could be shown.
  const askedAt = new Map<string, number>();
  const peer = vscode.languages.registerCodeLensProvider({ pattern: '**/bench/server-*.js' }, {
    provideCodeLenses: (document) => {
      if (!askedAt.has(document.uri.toString())) askedAt.set(document.uri.toString(), performance.now());
      return [];
    },
  });
  const echo = new Worker("require('worker_threads').parentPort.on('message', (text) => require('worker_threads').parentPort.postMessage(text.length));", { eval: true });
  let echoFailed = false;
  echo.once('error', () => { echoFailed = true; });
  // NaN when the control worker failed or did not answer within 10 s: a broken control never hangs the bench.
  const echoed = (text: string) => echoFailed ? Promise.resolve(Number.NaN) : Promise.race([
    new Promise<number>((resolve) => {
      echo.once('message', () => resolve(performance.now()));
      echo.postMessage(text);
    }),
    delay(10_000).then(() => Number.NaN),
  ]);
  await echoed('warm');
  for (let index = 0; index < coldFiles; index++) {
    const uri = vscode.Uri.joinPath(folder, 'bench', `server-${index}.js`);
    await vscode.workspace.fs.writeFile(uri, new TextEncoder().encode(expressServerSource(2000, 100 + index)));
    // How long the host's event loop was blocked meanwhile (by anything in this host, Statecraft or not): when
    // the analysis settles long after its own work would take, this says whether the host was busy.
    const loopDelay = monitorEventLoopDelay({ resolution: 10 });
    loopDelay.enable();
    const opened = performance.now();
    const document = await vscode.workspace.openTextDocument(uri);
    // The analysis the editor starts for a newly opened document, timed from inside the host (the CodeLens
    // provider below joins this same analysis: one per document version).
    const documentMs = performance.now() - opened;
    const echoedAt = echoed(document.getText());
    let analysisMs = Number.NaN;
    const analysis = api.hints.manager.analyze(document).then(() => {
      analysisMs = performance.now() - opened;
    });
    // Statecraft's CodeLens provider, asked as soon as the document exists (as if VS Code asked at once): when its
    // lenses for the file are ready. It joins the analysis above (one per document version).
    let providerMs = Number.NaN;
    let provided = 0;
    const tokens = new vscode.CancellationTokenSource();
    const answered = Promise.resolve(api.hints.codeLens.provideCodeLenses(document, tokens.token)).then((answer) => {
      providerMs = performance.now() - opened;
      provided = answer?.length ?? 0;
    });
    await vscode.window.showTextDocument(document);
    const shown = performance.now();
    const lenses = await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', uri);
    const codeLensMs = performance.now() - shown;
    const [echoAt] = await Promise.all([echoedAt, analysis, answered]);
    tokens.dispose();
    loopDelay.disable();
    const asked = askedAt.get(uri.toString());
    cold.push({
      openMs: shown - opened, documentMs, codeLensMs, analysisMs, providerMs, provided, peerAskedMs: asked === undefined ? Number.NaN : asked - opened,
      lenses: lenses.length, echoMs: echoAt - opened, loopDelayMaxMs: loopDelay.max / 1e6, loopDelayMeanMs: loopDelay.mean / 1e6,
    });
    if (index === 0) heapAfterFirst();
    last = document;
  }
  const document = last!;
  await delay(600);
  const warmAfterEdit: number[] = [];
  const cached: number[] = [];
  const analysisAfterEdit: number[] = [];
  const lensCounts: number[] = [];
  const insertLine = async () => {
    const edit = new vscode.WorkspaceEdit();
    edit.insert(document.uri, new vscode.Position(1000, 0), '\n');
    await vscode.workspace.applyEdit(edit);
  };
  for (let rep = 0; rep < warmReps; rep++) {
    // The analysis alone, as the hints manager runs it in this host (no IPC, no other extension's CodeLens).
    await insertLine();
    let started = performance.now();
    await api.hints.manager.analyze(document);
    analysisAfterEdit.push(performance.now() - started);
    await delay(500);
    // What the editor sees: the CodeLens command round trip right after an edit, then again unchanged.
    await insertLine();
    started = performance.now();
    const lenses = await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', document.uri);
    warmAfterEdit.push(performance.now() - started);
    lensCounts.push(lenses.length);
    started = performance.now();
    await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', document.uri);
    cached.push(performance.now() - started);
    // Let the debounced re-analysis after the edit (100 ms) settle so it does not overlap the next sample.
    await delay(500);
  }
  const askedByEditor = await editorRequestsAfterEdits(api, document, insertLine, warmReps);
  peer.dispose();
  await echo.terminate();
  await document.save();
  await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  return { lines: document.lineCount, bytes: Buffer.byteLength(document.getText()), cold, warmAfterEdit, cached, analysisAfterEdit, lensCounts, askedByEditor };
}

/** One request the editor itself made to Statecraft's CodeLens provider after a one-line edit. */
export interface EditorRequest {
  /** From the edit (applyEdit called) to the editor's request. */
  readonly askedMs: number;
  /** From the request to the provider's answer: the CodeLens latency as the host sees it. */
  readonly answeredMs: number;
  /** The analysis of the edited version had settled before the request came. */
  readonly settledBefore: boolean;
  readonly lenses: number;
}

/**
 * What the host sees after an edit when nobody but the editor asks: VS Code moves the shown lenses with the text and
 * asks the providers again once the typing has stopped for its CodeLens debounce (at least 250 ms). Statecraft's
 * provider is wrapped on its instance (the host looks the method up on every call), and the first call the editor
 * makes for the edited version is timed until it answers. The bench itself asks nothing in this phase.
 */
async function editorRequestsAfterEdits(api: StatecraftTestApi, document: vscode.TextDocument, insertLine: () => Promise<void>, reps: number) {
  const provider = api.hints.codeLens;
  const original = provider.provideCodeLenses;
  const samples: EditorRequest[] = [];
  let missed = 0;
  let waiting: { version: number; edited: number; done: (sample: EditorRequest) => void } | undefined;
  provider.provideCodeLenses = function (this: vscode.CodeLensProvider, asked, token) {
    const started = performance.now();
    const watched = waiting && asked.uri.toString() === document.uri.toString() && asked.version >= waiting.version ? waiting : undefined;
    const settledBefore = watched !== undefined && api.hints.manager.resultFor(asked) !== undefined;
    const answer = original.call(this, asked, token);
    if (watched) {
      waiting = undefined;
      void Promise.resolve(answer).then((lenses) => watched.done({ askedMs: started - watched.edited, answeredMs: performance.now() - started, settledBefore, lenses: lenses?.length ?? 0 }));
    }
    return answer;
  };
  try {
    await vscode.window.showTextDocument(document);
    await delay(600);
    for (let rep = 0; rep < reps; rep++) {
      const sample = new Promise<EditorRequest>((done) => {
        waiting = { version: document.version + 1, edited: performance.now(), done };
      });
      await insertLine();
      const got = await Promise.race([sample, delay(5_000).then(() => undefined)]);
      if (got) samples.push(got);
      else missed++;
      waiting = undefined;
      await delay(600);
    }
  } finally {
    provider.provideCodeLenses = original;
  }
  return { samples, missed };
}

/**
 * The control for the stall budget: the same open + show + CodeLens steps on fresh files of the same kind, with
 * Statecraft's hints turned off, so what remains is the host's own work and the other extensions' (the TypeScript
 * features, Git, ...). Run after the measured files, so both sides see an already started host.
 */
async function controlStalls(folder: vscode.Uri, quick: boolean): Promise<number[]> {
  const settings = vscode.workspace.getConfiguration('statecraft');
  await settings.update('hints.enabled', false, vscode.ConfigurationTarget.Workspace);
  const stalls: number[] = [];
  try {
    for (let index = 0; index < (quick ? 2 : 4); index++) {
      const uri = vscode.Uri.joinPath(folder, 'bench', `control-${index}.js`);
      await vscode.workspace.fs.writeFile(uri, new TextEncoder().encode(expressServerSource(2000, 200 + index)));
      const loopDelay = monitorEventLoopDelay({ resolution: 10 });
      loopDelay.enable();
      const document = await vscode.workspace.openTextDocument(uri);
      await vscode.window.showTextDocument(document);
      await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', uri);
      // About as long as an analysis takes to settle after the lens in the measured steps.
      await delay(500);
      loopDelay.disable();
      stalls.push(loopDelay.max / 1e6);
    }
  } finally {
    await settings.update('hints.enabled', undefined, vscode.ConfigurationTarget.Workspace);
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  }
  return stalls;
}

/**
 * Statecraft's own part of the host's stalls: the same steps as the cold series (new 2,000-line files opened, shown,
 * CodeLens asked, the analysis awaited) under the host's CPU profiler, run after the timed series so the profiler's
 * overhead does not touch them. The longest uninterrupted run of samples in Statecraft's code (its bundles under
 * the extension's folder) is the longest time Statecraft kept the host's thread.
 */
async function attributedStalls(api: StatecraftTestApi, folder: vscode.Uri, extensionUri: vscode.Uri, quick: boolean): Promise<{ attribution?: Attribution; files: number; error?: string }> {
  const files = quick ? 2 : 4;
  const { profile, error } = await withCpuProfile(async () => {
    for (let index = 0; index < files; index++) {
      const uri = vscode.Uri.joinPath(folder, 'bench', `profiled-${index}.js`);
      await vscode.workspace.fs.writeFile(uri, new TextEncoder().encode(expressServerSource(2000, 300 + index)));
      const document = await vscode.workspace.openTextDocument(uri);
      const analysis = api.hints.manager.analyze(document);
      await vscode.window.showTextDocument(document);
      await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', uri);
      await analysis;
      await delay(500);
    }
  });
  await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  return profile ? { attribution: attribute(profile, extensionUri.toString()), files } : { files, error };
}

/**
 * Where a first analysis can lose time in this host, measured after everything else (so it does not warm the
 * first analysis): reading the two wasm files the JS analysis needs through vscode.workspace.fs, as the
 * extension does, and compiling them.
 */
async function wasmDiagnostics(extensionUri: vscode.Uri): Promise<Record<string, { readMs: number; compileMs: number; bytes: number }>> {
  const out: Record<string, { readMs: number; compileMs: number; bytes: number }> = {};
  for (const file of ['tree-sitter.wasm', 'tree-sitter-javascript.wasm']) {
    let started = performance.now();
    const bytes = await vscode.workspace.fs.readFile(vscode.Uri.joinPath(extensionUri, 'dist', 'grammars', file));
    const readMs = performance.now() - started;
    started = performance.now();
    await WebAssembly.compile(bytes as Uint8Array<ArrayBuffer>);
    out[file] = { readMs, compileMs: performance.now() - started, bytes: bytes.byteLength };
  }
  return out;
}

export async function run(): Promise<void> {
  const config = readConfig();
  const result: Record<string, unknown> = { quick: config.quick };
  try {
    const extension = vscode.extensions.getExtension<StatecraftTestApi | undefined>(EXTENSION_ID);
    if (!extension) throw new Error(`${EXTENSION_ID} is not loaded`);
    const { gc, how } = findGc();
    const heap = () => {
      gc?.();
      gc?.();
      return process.memoryUsage().heapUsed;
    };
    result.host = {
      vscodeVersion: vscode.version,
      node: process.versions.node,
      uiKind: vscode.env.uiKind === vscode.UIKind.Web ? 'web' : 'desktop',
      extensionPath: extension.extensionPath,
      extensionKind: extension.extensionKind === vscode.ExtensionKind.UI ? 'ui' : 'workspace',
      gc: how,
    };
    const wasActive = extension.isActive;
    const heapBefore = heap();
    const activateStarted = performance.now();
    const api = await extension.activate();
    const activateRoundTripMs = performance.now() - activateStarted;
    const heapAfterActivate = heap();
    if (!api) throw new Error('the extension returned no test API (not in extensionMode Test?)');
    // activate() schedules the catalog load right after itself; that is part of what activation costs in memory.
    await api.notes.library.getNotes();
    const heapAfterCatalog = heap();
    const searchStarted = performance.now();
    const hits = await api.notes.library.search('session affinity');
    const firstSearchMs = performance.now() - searchStarted;
    const heapAfterSearch = heap();
    const warmSearch: number[] = [];
    for (let rep = 0; rep < (config.quick ? 5 : 20); rep++) {
      const started = performance.now();
      await api.notes.library.search(rep % 2 === 0 ? 'consistent hashing' : 'idempot');
      warmSearch.push(performance.now() - started);
    }
    let heapAfterAnalysis = Number.NaN;
    const folder = vscode.workspace.workspaceFolders?.[0]?.uri;
    if (!folder) throw new Error('no workspace folder is open');
    const codeLens = await codeLensTimes(api, folder, config.quick, () => {
      heapAfterAnalysis = heap();
    });
    result.activation = { wasActiveBeforeBench: wasActive, activationMs: api.activationMs, activationSettledMs: api.activationSettledMs, activationSteps: api.activationSteps, activateRoundTripMs };
    result.heap = { before: heapBefore, afterActivate: heapAfterActivate, afterCatalog: heapAfterCatalog, afterSearch: heapAfterSearch, afterAnalysis: heapAfterAnalysis };
    result.search = { firstSearchMs, firstSearchHits: hits.length, warmSearch };
    result.codeLens = { ...codeLens, controlStalls: await controlStalls(folder, config.quick), attributed: await attributedStalls(api, folder, extension.extensionUri, config.quick) };
    result.codeLoading = codeLoadingSamples(path.join(extension.extensionPath, 'dist', 'extension.js'), config.quick ? 4 : 10);
    result.wasm = await wasmDiagnostics(extension.extensionUri);
    result.hostRecords = await hostActivationRecords();
  } catch (error) {
    result.error = error instanceof Error ? error.stack ?? error.message : String(error);
  }
  console.log(`${RESULT_PREFIX}${JSON.stringify(result)}`);
}
