// The real-VS-Code half of `npm run bench`, on code-server (VS Code in the browser, as the test tiers use it):
//  1. Peers in the same run: N fresh code-servers with the packaged VSIX installed, as a user has it. Open the
//     Statecraft view (which activates it), then read "Developer: Show Running Extensions" (each row's
//     "Activation: N ms", and where it runs) and "Developer: Startup Performance" (the host's activation records:
//     Load Code, Call Activate, Finish Activate), and compare Statecraft with the built-in extensions of that
//     same start.
//  2. In-host timestamps: the production bundle loaded in development mode with bench/inHost as the test runner
//     (fresh require of the bundle, activate() time, heap, CodeLens latency on a 2,000-line file).
import fs from 'node:fs';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { installVsix, makeProfile, startCodeServer, type Profile } from '../scripts/lib/codeServer.mjs';
import { freshSampleWorkspace } from '../scripts/lib/sampleWorkspace.mjs';
import { launchBrowser, openWorkbench, runDevelopmentSuite } from '../scripts/lib/workbench.mjs';
import { openStatecraftView, runCommand } from '../test/e2e/harness.mjs';
import { parseActivationStats, type ActivationRecord } from './activationStats.js';
import { budgetMsRow, fmtBytes, fmtMs, fmtRatio, msRow, valueRow, type PartResult, type Row } from './report.js';
import { summarize } from './stats.js';
import type { ColdSample, EditorRequest } from './inHost/index.js';

const STATECRAFT = { id: 'statecraft.statecraft', name: 'Statecraft: System Design Notes & State Advisor', short: 'Statecraft' };
/** Built-in extensions that activate in the same start; Git Base is tiny, the closest thing to an empty extension. */
const PEERS = [
  { id: 'vscode.git', name: 'Git', short: 'Git' },
  { id: 'vscode.emmet', name: 'Emmet', short: 'Emmet' },
  { id: 'vscode.merge-conflict', name: 'Merge Conflict', short: 'Merge Conflict' },
  { id: 'vscode.github-authentication', name: 'GitHub Authentication', short: 'GitHub Auth' },
  { id: 'vscode.git-base', name: 'Git Base', short: 'Git Base' },
];
/** Let start-up activations finish before opening the view, so Statecraft is not timed while Git and others load. */
const SETTLE_MS = 4000;
/**
 * At least SETTLE_MS, and then until the host's log shows every peer activated (the `onStartupFinished` ones come
 * last) plus this quiet time: on a loaded machine the start-up batch can still be running at 4 s, and an activation
 * that lands in it is timed with the others' loading (the bimodal Load Code of the 2026-12-03 runs).
 */
const AFTER_PEERS_MS = 1000;
const PEERS_TIMEOUT_MS = 30_000;
const RESULT_PREFIX = 'STATECRAFT_BENCH_RESULT ';
/** Profiles of the servers this bench started, removed once every server has stopped. */
const profileDirs: string[] = [];
let keepProfiles = false;

function log(message: string): void {
  process.stderr.write(`[bench] ${message}\n`);
}

interface RunningRow {
  readonly name: string;
  readonly activationMs: number;
  readonly startup: boolean;
  readonly host: string;
}

/** One row of the Running Extensions editor: "Name\nversion\n host\nActivation: 50ms". */
function parseRunningRow(text: string): RunningRow | undefined {
  const lines = text.split('\n').map((line) => line.trim()).filter((line) => line.length > 0);
  const activation = /(Startup )?Activation: (\d+)ms/.exec(text);
  if (!activation || lines.length === 0) return undefined;
  const host = /web worker/i.test(text) ? 'web worker' : lines.find((line) => /^[\w.-]+:\d+$/.test(line)) ? 'remote Node host' : 'local';
  return { name: lines[0], activationMs: Number(activation[2]), startup: activation[1] !== undefined, host };
}

async function poll<T>(what: string, probe: () => Promise<T | undefined>, timeoutMs = 20_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe().catch(() => undefined);
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 300));
  }
}

interface StartResult {
  readonly running: RunningRow[];
  readonly records: ActivationRecord[];
  /** How long after SETTLE_MS the start-up activations took to finish (undefined: not seen within the timeout). */
  readonly waitedForPeersMs: number | undefined;
}

/** The extension host's log of this profile's server (it names each activation and its event). */
function hostLogText(profile: Profile): string {
  const logs = path.join(profile.userDataDir, 'logs');
  if (!fs.existsSync(logs)) return '';
  return fs.readdirSync(logs).flatMap((session) => {
    const dir = path.join(logs, session);
    return fs.statSync(dir).isDirectory() ? fs.readdirSync(dir).filter((name) => name.startsWith('exthost')).map((name) => path.join(dir, name, 'remoteexthost.log')) : [];
  }).filter((file) => fs.existsSync(file)).map((file) => fs.readFileSync(file, 'utf8')).join('\n');
}

/** Waits until the host has activated every peer, then a quiet second; the time waited, or undefined on timeout. */
async function peersActivated(profile: Profile): Promise<number | undefined> {
  const started = Date.now();
  while (Date.now() - started < PEERS_TIMEOUT_MS) {
    const text = hostLogText(profile);
    if (PEERS.every((peer) => text.includes(`_doActivateExtension ${peer.id},`))) {
      await new Promise((resolve) => setTimeout(resolve, AFTER_PEERS_MS));
      return Date.now() - started;
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  return undefined;
}

async function readStartupPerformance(page: Page): Promise<ActivationRecord[]> {
  await runCommand(page, 'Developer: Startup Performance');
  // The view is a read-only text editor far longer than the screen: copy its whole text rather than scrape lines.
  return poll('the Startup Performance view to list Statecraft', async () => {
    await page.locator('.editor-instance .monaco-editor .view-lines').first().click();
    await page.keyboard.press('Control+A');
    await page.keyboard.press('Control+C');
    const text = await page.evaluate(() => navigator.clipboard.readText());
    const records = parseActivationStats(text);
    return records.some((record) => record.extension === STATECRAFT.id) ? records : undefined;
  });
}

async function oneStart(browser: Browser, vsixPath: string, index: number): Promise<StartResult> {
  const profile: Profile = makeProfile(`bench-activation-${index}`);
  profileDirs.push(profile.dir);
  installVsix(vsixPath, profile);
  const workspace = freshSampleWorkspace(`bench-activation-${index}`);
  const server = await startCodeServer(profile, workspace, { logFile: path.join(profile.dir, 'code-server.log') });
  // A tall window so the (virtualised) Running Extensions list renders every row.
  const { context, page } = await openWorkbench(browser, server.url, workspace, { viewport: { width: 1400, height: 2000 } });
  try {
    await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: server.url });
    await page.waitForTimeout(SETTLE_MS);
    const waitedForPeersMs = await peersActivated(profile);
    await openStatecraftView(page);
    const notesPane = page.locator('.pane', { has: page.locator('.pane-header[aria-label^="Notes"]') }).first();
    await notesPane.locator('.monaco-list-row').first().waitFor({ timeout: 30_000 });
    await page.waitForTimeout(1000);
    await runCommand(page, 'Developer: Show Running Extensions');
    const running = await poll('Running Extensions to show Statecraft activated', async () => {
      const rows = (await page.locator('.runtime-extensions-editor .monaco-list-row').allInnerTexts()).flatMap((text) => parseRunningRow(text) ?? []);
      return rows.some((row) => row.name === STATECRAFT.name) ? rows : undefined;
    });
    const records = await readStartupPerformance(page);
    return { running, records, waitedForPeersMs };
  } finally {
    await context.close();
    server.stop();
    fs.rmSync(workspace, { recursive: true, force: true });
  }
}

const median = (values: readonly number[]) => summarize(values).median;

function ratioText(perRun: Map<string, number[]>): string {
  return PEERS.filter((peer) => (perRun.get(peer.id)?.length ?? 0) > 0)
    .map((peer) => `${fmtRatio(median(perRun.get(peer.id)!))} ${peer.short}`)
    .join(' · ');
}

/** Activation against the built-in extensions, from `starts` fresh code-servers with the VSIX installed. */
async function activationPeers(browser: Browser, vsixPath: string, starts: number): Promise<PartResult> {
  const results: StartResult[] = [];
  const errors: string[] = [];
  for (let index = 0; index < starts; index++) {
    const started = Date.now();
    try {
      results.push(await oneStart(browser, vsixPath, index));
      log(`vscode: fresh start ${index + 1}/${starts} read in ${((Date.now() - started) / 1000).toFixed(0)} s`);
    } catch (error) {
      errors.push(error instanceof Error ? error.message : String(error));
      keepProfiles = true;
      log(`vscode: fresh start ${index + 1}/${starts} failed: ${errors[errors.length - 1]}`);
    }
  }
  const waits = results.map((result) => result.waitedForPeersMs);
  const section = `Activation in real VS Code (code-server, VSIX installed; ${results.length} fresh starts, Statecraft view opened ${SETTLE_MS / 1000} s after start and ${AFTER_PEERS_MS / 1000} s after the peers activated)`;
  const total = (result: StartResult, name: string) => result.running.find((row) => row.name === name)?.activationMs;
  const record = (result: StartResult, id: string) => result.records.find((r) => r.extension === id);
  const totals: number[] = [];
  const loads: number[] = [];
  const calls: number[] = [];
  const finishes: number[] = [];
  const totalRatios = new Map<string, number[]>();
  const loadRatios = new Map<string, number[]>();
  for (const result of results) {
    const ours = total(result, STATECRAFT.name);
    const ourRecord = record(result, STATECRAFT.id);
    if (ours !== undefined) totals.push(ours);
    if (ourRecord) {
      loads.push(ourRecord.loadCode);
      calls.push(ourRecord.callActivate);
      finishes.push(ourRecord.finishActivate);
    }
    for (const peer of PEERS) {
      const theirs = total(result, peer.name);
      if (ours !== undefined && theirs) totalRatios.set(peer.id, [...(totalRatios.get(peer.id) ?? []), ours / theirs]);
      const theirRecord = record(result, peer.id);
      if (ourRecord && theirRecord && theirRecord.loadCode > 0) loadRatios.set(peer.id, [...(loadRatios.get(peer.id) ?? []), ourRecord.loadCode / theirRecord.loadCode]);
    }
  }
  const host = [...new Set(results.flatMap((result) => result.running.filter((row) => row.name === STATECRAFT.name).map((row) => row.host)))].join(', ') || 'n/a';
  const rows: Row[] = [
    msRow(section, `Statecraft: "Activation: N ms" in Running Extensions (Load Code + Call Activate; runs in the ${host})`, summarize(totals), {
      ratio: `Statecraft ÷ peer: ${ratioText(totalRatios) || 'n/a'}`,
    }),
    budgetMsRow(section, 'Statecraft: Load Code (host record: from starting to load until require() returned; one await inside, where other queued work can land)', summarize(loads), 20,
      `Statecraft ÷ peer: ${ratioText(loadRatios) || 'n/a'}`),
    budgetMsRow(section, 'Statecraft: Call Activate (host record: the activate() call)', summarize(calls), 10),
    msRow(section, 'Statecraft: Finish Activate (host record: until its promise settled)', summarize(finishes)),
  ];
  for (const peer of PEERS) {
    const peerTotals = results.flatMap((result) => total(result, peer.name) ?? []);
    const peerRecords = results.flatMap((result) => record(result, peer.id) ?? []);
    if (peerTotals.length === 0 && peerRecords.length === 0) continue;
    rows.push(msRow(section, `peer ${peer.name} (${peer.id}): "Activation: N ms"`, summarize(peerTotals), {
      ratio: peerRecords.length > 0
        ? `Load Code ${fmtMs(median(peerRecords.map((r) => r.loadCode)))}, Call Activate ${fmtMs(median(peerRecords.map((r) => r.callActivate)))}`
        : '',
    }));
  }
  rows.push(valueRow(section, 'wait after the first 4 s until the peers had activated (per start)', waits.map((ms) => (ms === undefined ? 'not seen in 30 s' : fmtMs(ms))).join(', ')));
  return { rows, details: { starts, settleMs: SETTLE_MS, afterPeersMs: AFTER_PEERS_MS, errors, results } };
}

interface InHostResult {
  readonly error?: string;
  readonly host?: { vscodeVersion: string; node: string; uiKind: string; extensionPath: string; extensionKind: string; gc: string };
  readonly activation?: { wasActiveBeforeBench: boolean; activationMs: number; activationSettledMs?: number; activationSteps?: Record<string, number>; activateRoundTripMs: number };
  readonly heap?: { before: number; afterActivate: number; afterCatalog: number; afterSearch: number; afterAnalysis: number };
  readonly search?: { firstSearchMs: number; firstSearchHits: number; warmSearch: number[] };
  readonly codeLens?: { lines: number; bytes: number; cold: ColdSample[]; warmAfterEdit: number[]; cached: number[]; analysisAfterEdit: number[]; lensCounts: number[]; askedByEditor?: { samples: EditorRequest[]; missed: number }; controlStalls?: number[]; attributed?: { attribution?: { totalMs: number; longestBlockMs: number; longestBlockStack: string[]; samples: number }; files: number; error?: string } };
  readonly codeLoading?: { samples: number[]; where: string; error?: string };
  readonly hostRecords?: { records: ActivationRecord[]; error?: string };
  readonly wasm?: Record<string, { readMs: number; compileMs: number; bytes: number }>;
}

async function oneInHostRun(browser: Browser, extensionDir: string, testsPath: string, index: number): Promise<InHostResult> {
  const profile = makeProfile(`bench-inhost-${index}`);
  profileDirs.push(profile.dir);
  const workspace = freshSampleWorkspace(`bench-inhost-${index}`);
  const logFile = path.join(profile.dir, 'code-server.log');
  const server = await startCodeServer(profile, workspace, { logFile });
  const lines: string[] = [];
  let code: number | 'timeout';
  try {
    code = await runDevelopmentSuite(browser, server.url, workspace, {
      extensionRoot: extensionDir,
      testsPath,
      onConsole: (text) => lines.push(text),
      timeoutMs: 240_000,
    });
  } finally {
    server.stop();
  }
  fs.rmSync(workspace, { recursive: true, force: true });
  const line = lines.find((text) => text.includes(RESULT_PREFIX));
  if (!line) {
    keepProfiles = true;
    return { error: `the in-host bench printed no result (exit ${code}); code-server log: ${logFile}` };
  }
  const json = line.slice(line.indexOf(RESULT_PREFIX) + RESULT_PREFIX.length);
  return JSON.parse(json.slice(0, json.lastIndexOf('}') + 1)) as InHostResult;
}

const mbOf = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MB`;
const delta = (bytes: number) => `${bytes >= 0 ? '+' : '−'}${fmtBytes(Math.abs(bytes))}`;

function inHostRows(runs: readonly InHostResult[]): Row[] {
  const ok = runs.filter((run) => !run.error);
  const first = ok[0];
  const host = first?.host;
  const rows: Row[] = [];
  const A = `Activation in-host (development mode, production bundle; ${ok.length} host${ok.length === 1 ? '' : 's'}, VS Code ${host?.vscodeVersion ?? '?'}, Node ${host?.node ?? '?'})`;
  const loading = ok.flatMap((run) => run.codeLoading?.samples ?? []);
  const firstLoads = ok.flatMap((run) => run.codeLoading?.samples.slice(0, 1) ?? []);
  rows.push(budgetMsRow(A, `code loading: fresh require() of a renamed copy of dist/extension.js (${loading.length} copies; first copy per host ${firstLoads.map(fmtMs).join(', ')})`, summarize(loading), 20));
  const activations = ok.flatMap((run) => (run.activation ? [run.activation.activationMs] : []));
  const wasActive = ok.some((run) => run.activation?.wasActiveBeforeBench);
  // Where activate() goes, per feature registered (the first run's steps; keys are activate()'s own names).
  const steps = ok.find((run) => run.activation?.activationSteps)?.activation?.activationSteps ?? {};
  const breakdown = Object.entries(steps).map(([name, ms]) => `${name} ${fmtMs(ms)}`).join(' · ');
  rows.push(budgetMsRow(A, `activate(): performance.now() at its start and end (activationMs; ${wasActive ? 'already active before the bench' : 'activated by the bench'})`, summarize(activations), 10, breakdown));
  // Since 2026-12-03 (session 5) activate() returns after the notes views; the other features are registered one
  // turn of the event loop later and its promise settles then (VS Code's "Activation: N ms" does not count that).
  const settled = ok.flatMap((run) => (run.activation?.activationSettledMs !== undefined ? [run.activation.activationSettledMs] : []));
  if (settled.length > 0) rows.push(msRow(A, 'activate(): until its promise settled (the deferred features registered; one turn of the host\'s event loop in between)', summarize(settled)));
  const records = ok.flatMap((run) => run.hostRecords?.records.filter((r) => r.extension === STATECRAFT.id) ?? []);
  if (records.length > 0) {
    rows.push(valueRow(A, 'host record in this host: Load Code / Call Activate', `${fmtMs(median(records.map((r) => r.loadCode)))} / ${fmtMs(median(records.map((r) => r.callActivate)))}`));
  }
  rows.push(msRow(A, 'extension.activate() round trip seen by the caller', summarize(ok.flatMap((run) => (run.activation ? [run.activation.activateRoundTripMs] : [])))));

  const E = 'Editor latency in-host (vscode.executeCodeLensProvider on a 2,000-line Express file)';
  const colds = ok.flatMap((run) => run.codeLens?.cold ?? []);
  const firstCold = ok.flatMap((run) => run.codeLens?.cold.slice(0, 1) ?? []);
  const laterCold = ok.flatMap((run) => run.codeLens?.cold.slice(1) ?? []);
  const lensCount = colds[0]?.lenses ?? 0;
  const inHost = (samples: ColdSample[]) =>
    `in-host analysis settled ${fmtMs(median(samples.map((c) => c.analysisMs)))} after open; longest event-loop stall in the host meanwhile ${fmtMs(median(samples.map((c) => c.loopDelayMaxMs)))}`;
  const peerAsked = (samples: ColdSample[]) => `VS Code first asked a CodeLens provider that answers at once ${fmtMs(median(samples.map((c) => c.peerAskedMs)))} after open (the peer: no extension's lens can show earlier)`;
  rows.push(
    // Issue 15's budget: Statecraft's lenses ready ≤ 300 ms after the file opens. Timed from the start of
    // openTextDocument to the answer of Statecraft's own provider, asked as soon as the document exists. Until
    // 2026-12-03 05:28 the budget sat on the next row, which also times when VS Code asks (see the peer).
    budgetMsRow(E, `first CodeLens after activation: Statecraft's CodeLens provider answered, timed from open (grammar warmed at activation; full analysis; ${firstCold[0]?.provided ?? 0} lenses)`, summarize(firstCold.map((c) => c.providerMs)), 300,
      `document in the host after ${fmtMs(median(firstCold.map((c) => c.documentMs)))}; ${peerAsked(firstCold)}`),
    // Statecraft's part of the row above: the extension host gets the document (openTextDocument resolves) ~0.4 s
    // after the open starts on this machine, and nothing in any extension can start earlier.
    msRow(E, 'first CodeLens after activation: Statecraft\'s CodeLens provider answered, timed from the document\'s arrival in the host', summarize(firstCold.map((c) => c.providerMs - c.documentMs))),
    msRow(E, 'control: a worker thread\'s echo of the document\'s text, posted on its arrival, timed from open (no analysis: the floor for any extension\'s off-thread work)', summarize(firstCold.map((c) => c.echoMs)),
      { ratio: `later files: ${fmtMs(median(laterCold.map((c) => c.echoMs)))}` }),
    msRow(E, `first CodeLens after activation, timed after open + show (tree-sitter runtime + grammar load + full analysis; ${lensCount} lenses)`, summarize(firstCold.map((c) => c.codeLensMs)), { ratio: inHost(firstCold) }),
    msRow(E, 'cold: Statecraft\'s CodeLens provider answered on another newly opened file, timed from open', summarize(laterCold.map((c) => c.providerMs)), { ratio: peerAsked(laterCold) }),
    msRow(E, 'cold: first CodeLens on another newly opened file, after open + show (full analysis)', summarize(laterCold.map((c) => c.codeLensMs)), { ratio: inHost(laterCold) }),
    msRow(E, 'warm: CodeLens right after a one-line edit (re-analysis)', summarize(ok.flatMap((run) => run.codeLens?.warmAfterEdit ?? []))),
    msRow(E, 'cached: CodeLens again, document unchanged (IPC and every CodeLens provider, no analysis)', summarize(ok.flatMap((run) => run.codeLens?.cached ?? []))),
    msRow(E, 're-analysis after a one-line edit inside the host (hints manager, no IPC)', summarize(ok.flatMap((run) => run.codeLens?.analysisAfterEdit ?? []))),
    // Issue 15's budget ("CodeLens after a one-line edit ≤ 10 ms as the host sees it"), on this row from the
    // 2026-12-03 10:14 run: the editor's own request after an edit (VS Code asks again once typing stops for its
    // CodeLens debounce), timed inside Statecraft's provider. The row above starts an analysis at the edit itself,
    // which no editor does.
    (() => {
      const asked = ok.flatMap((run) => run.codeLens?.askedByEditor?.samples ?? []);
      const missed = ok.reduce((sum, run) => sum + (run.codeLens?.askedByEditor?.missed ?? 0), 0);
      return budgetMsRow(E, 'CodeLens after a one-line edit as the host sees it: the editor\'s own request to Statecraft\'s provider, answered', summarize(asked.map((sample) => sample.answeredMs)), 10,
        `the editor asked ${fmtMs(median(asked.map((sample) => sample.askedMs)))} after the edit (median); the re-analysis had settled before the request in ${asked.filter((sample) => sample.settledBefore).length} of ${asked.length}; ${missed} edits without a request within 5 s`);
    })(),
    // The monitor sees the whole host (every extension, the file opening itself): an upper bound for Statecraft's
    // part, kept under its name so runs compare. Issue 15's budget ("no stall over 50 ms caused by Statecraft") is
    // judged on the attributed row below, from a CPU profile of the host (bench/inHost/hostProfile.ts).
    (() => {
      const stalls = colds.map((c) => c.loopDelayMaxMs);
      const worst = stalls.length > 0 ? Math.max(...stalls) : Number.NaN;
      return valueRow(E, 'longest event-loop stall in the host while files open and are analysed (worst sample; whole host)', fmtMs(worst), {
        spread: `per file: ${stalls.map(fmtMs).join(', ')}`,
      });
    })(),
    (() => {
      const runs = ok.flatMap((run) => (run.codeLens?.attributed?.attribution ? [run.codeLens.attributed] : []));
      const worst = runs.length > 0 ? Math.max(...runs.map((run) => run.attribution!.longestBlockMs)) : Number.NaN;
      const worstRun = runs.find((run) => run.attribution!.longestBlockMs === worst);
      const missing = ok.map((run) => run.codeLens?.attributed?.error).filter(Boolean);
      return valueRow(E, 'longest host-thread block in Statecraft\'s code while files open and are analysed (CPU profile of the host; worst run)', fmtMs(worst), {
        spread: runs.length > 0
          ? `Statecraft's CPU on the host thread: ${runs.map((run) => fmtMs(run.attribution!.totalMs)).join(', ')} for ${worstRun?.files ?? 0} files per run; the longest block ended in ${worstRun?.attribution?.longestBlockStack.slice(0, 3).join(' < ') ?? '-'}`
          : `no profile: ${missing.join('; ')}`,
        budget: '≤ 50 ms (worst)', status: worst <= 50 ? 'pass' : 'MISS',
      });
    })(),
    (() => {
      // The control: the same steps with Statecraft's hints off. What it shows is not Statecraft's.
      const stalls = ok.flatMap((run) => run.codeLens?.controlStalls ?? []);
      const worst = stalls.length > 0 ? Math.max(...stalls) : Number.NaN;
      return valueRow(E, 'control: longest event-loop stall while the same kind of files open with Statecraft\'s hints off (worst sample; whole host)', fmtMs(worst), {
        spread: `per file: ${stalls.map(fmtMs).join(', ')}`,
      });
    })(),
    msRow(E, 'open + show the file (openTextDocument + showTextDocument)', summarize(colds.map((c) => c.openMs))),
    valueRow(E, 'later in the same host: read + compile tree-sitter.wasm and the JS grammar (vscode.workspace.fs, WebAssembly.compile)',
      fmtMs(median(ok.map((run) => Object.values(run.wasm ?? {}).reduce((sum, w) => sum + w.readMs + w.compileMs, 0)))),
      { ratio: Object.entries(first?.wasm ?? {}).map(([file, w]) => `${file}: read ${fmtMs(w.readMs)}, compile ${fmtMs(w.compileMs)}`).join('; ') }),
    msRow(E, 'search in host: first query (parses the bundled index)', summarize(ok.flatMap((run) => (run.search ? [run.search.firstSearchMs] : [])))),
    msRow(E, 'search in host: later queries', summarize(ok.flatMap((run) => run.search?.warmSearch ?? []))),
  );

  const M = `Memory: extension host heapUsed (${host?.gc ?? 'gc unknown'})`;
  const heaps = ok.flatMap((run) => (run.heap ? [run.heap] : []));
  if (heaps.length > 0) {
    const step = (label: string, pick: (h: NonNullable<InHostResult['heap']>) => number, from: (h: NonNullable<InHostResult['heap']>) => number) => {
      const values = heaps.map(pick);
      const deltas = heaps.map((h) => pick(h) - from(h));
      rows.push(valueRow(M, label, delta(median(deltas)), {
        spread: heaps.length > 1 ? `${delta(Math.min(...deltas))} to ${delta(Math.max(...deltas))} (min–max)` : '',
        ratio: `heap ${mbOf(median(values))}`,
      }));
    };
    rows.push(valueRow(M, `before activation (${wasActive ? 'extension was ALREADY active' : 'extension not yet active'}; whole host, all extensions)`, mbOf(median(heaps.map((h) => h.before)))));
    step('after activate()', (h) => h.afterActivate, (h) => h.before);
    step('after the bundled catalog load activation schedules', (h) => h.afterCatalog, (h) => h.afterActivate);
    step('after one search (loads the search index)', (h) => h.afterSearch, (h) => h.afterCatalog);
    step('after one analysis (first CodeLens on the 2,000-line file)', (h) => h.afterAnalysis, (h) => h.afterSearch);
    step('growth: activation + one search + one analysis', (h) => h.afterAnalysis, (h) => h.before);
  }
  return rows;
}

export interface VsCodeBenchOptions {
  readonly quick: boolean;
  readonly vsixPath: string;
  /** The unpacked VSIX (its extension/ folder): loaded in development mode for the in-host part. */
  readonly extensionDir: string;
  /** The bundled bench/inHost module (exports run()). */
  readonly inHostPath: string;
}

export async function vscodeBench(options: VsCodeBenchOptions): Promise<PartResult> {
  const browser = await launchBrowser();
  try {
    const inHostRuns: InHostResult[] = [];
    const hostRuns = options.quick ? 1 : 2;
    for (let index = 0; index < hostRuns; index++) {
      const started = Date.now();
      const run = await oneInHostRun(browser, options.extensionDir, options.inHostPath, index);
      inHostRuns.push(run);
      log(`vscode: in-host run ${index + 1}/${hostRuns} ${run.error ? `failed: ${run.error}` : 'done'} in ${((Date.now() - started) / 1000).toFixed(0)} s`);
    }
    const peers = await activationPeers(browser, options.vsixPath, options.quick ? 2 : 5);
    const inHostErrors = inHostRuns.flatMap((run) => (run.error ? [run.error] : []));
    return {
      rows: [...peers.rows, ...inHostRows(inHostRuns)],
      details: { activationPeers: peers.details, inHost: inHostRuns, inHostErrors },
    };
  } finally {
    await browser.close();
    await new Promise((resolve) => setTimeout(resolve, 1000));
    if (keepProfiles) log(`vscode: kept the code-server profiles for inspection: ${profileDirs.join(' ')}`);
    else for (const dir of profileDirs) fs.rmSync(dir, { recursive: true, force: true });
    profileDirs.splice(0);
  }
}
