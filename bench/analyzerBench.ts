// Analyzer: per-file time and throughput on the realistic server files of test/fixtures/analyzer/<language>, and
// pathological inputs, each side by side in the same loop with (a) one regex pass over the same text (the floor
// for merely reading it) and (b) ESLint (espree, or the typescript-eslint parser for TS, plus one
// `no-restricted-syntax` rule) on the JS/TS files. Ratios are the headline; absolute times on a shared 2-core
// machine are noise-prone.
//
// Budgets (bench/PERFORMANCE.md, "Budgets"), the analyzer's 10 ms figure scoped to: re-analysis of a 2,000-line file after
// an edit (through an AnalysisSession, as the editor does: the tree is re-parsed incrementally), and files the
// prefilter rejects, each under 10 ms; skipping a 5 MB minified line under 10 ms too; and the aim of being at least
// 4× faster than ESLint + one rule on the same JS/TS files. A cold full parse of a 2,000-line file is about 20 ms by
// nature of tree-sitter here and is reported without a budget.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { Language, Parser, type Tree } from '@vscode/tree-sitter-wasm';
import { Linter } from 'eslint';
import tseslint from 'typescript-eslint';
import { createNodeWasmLoader } from '../src/cli/nodeWasmLoader';
import { createAnalyzer, editForChange, isTestFile, languageForFile, type Analyzer } from '../src/core/analyzer/analyzer';
import { detectors } from '../src/core/analyzer/detectors';
import { analyzeJsModule } from '../src/core/analyzer/syntax/jsSyntax';
import { releaseTreeCaches } from '../src/core/analyzer/syntax/tree';
import type { AnalysisResult, AnalyzerLanguage, WasmLoader } from '../src/core/analyzer/types';
import { deeplyNestedSource, expressServerSource, minifiedLine, prefilterRejectedSource } from './generators';
import type { BenchOptions } from './options';
import { budgetMsRow, fmtMs, fmtRate, fmtRatio, msRow, speedRatio, valueRow, type PartResult, type Row } from './report';
import { summarize, timeMs, timeMsAsync, type Summary } from './stats';

const SECTION_FIXTURES = 'Analyzer (Node): fixture server files per language, warm';
const SECTION_PATHOLOGICAL = 'Analyzer (Node): large and pathological inputs';
const repoRoot = path.resolve(__dirname, '..');
const fixturesRoot = path.join(repoRoot, 'test', 'fixtures', 'analyzer');
const loadWasm: WasmLoader = createNodeWasmLoader();

/** The regex floor: one pass over the text counting trigger-ish words, the least any analysis must do. */
const FLOOR = /session|store|Map|dict/g;
function regexPass(text: string): number {
  FLOOR.lastIndex = 0;
  let count = 0;
  while (FLOOR.exec(text) !== null) count++;
  return count;
}

// ESLint with one rule, flat config; TypeScript files through the typescript-eslint parser.
const RESTRICTED: Linter.RulesRecord = { 'no-restricted-syntax': ['error', 'NewExpression[callee.name="Map"]'] };
const eslintConfig: Linter.Config[] = [
  { files: ['**/*.js', '**/*.jsx', '**/*.mjs', '**/*.cjs'], languageOptions: { ecmaVersion: 'latest', sourceType: 'module', parserOptions: { ecmaFeatures: { jsx: true } } }, rules: RESTRICTED },
  { files: ['**/*.cjs'], languageOptions: { sourceType: 'commonjs' } },
  { files: ['**/*.ts', '**/*.tsx', '**/*.mts', '**/*.cts'], languageOptions: { parser: tseslint.parser as Linter.Parser, sourceType: 'module', parserOptions: { ecmaFeatures: { jsx: true } } }, rules: RESTRICTED },
];
const linter = new Linter();

function eslintVerify(text: string, fileName: string): { fatal: number; messages: number } {
  const messages = linter.verify(text, eslintConfig, { filename: fileName });
  return { fatal: messages.filter((m) => m.fatal).length, messages: messages.length };
}

interface FixtureFile {
  readonly relPath: string;
  readonly text: string;
  readonly bytes: number;
  readonly language: AnalyzerLanguage;
  /** Whether any detector's prefilter passes (else the analyzer never parses it). */
  readonly parsed: boolean;
  readonly eslint: boolean;
}

function listFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    return entry.isDirectory() ? listFiles(full) : [full];
  });
}

function fixtureFiles(dirName: string): { files: FixtureFile[]; testFilesExcluded: number } {
  let testFilesExcluded = 0;
  const files: FixtureFile[] = [];
  for (const full of listFiles(path.join(fixturesRoot, dirName)).sort()) {
    const relPath = path.relative(path.join(fixturesRoot, dirName), full).split(path.sep).join('/');
    const language = languageForFile(relPath);
    if (!language) continue;
    if (isTestFile(relPath)) {
      testFilesExcluded++;
      continue;
    }
    const text = fs.readFileSync(full, 'utf8');
    files.push({
      relPath,
      text,
      bytes: Buffer.byteLength(text),
      language,
      parsed: detectors.some((detector) => detector.languages.includes(language) && detector.prefilter(text)),
      eslint: /\.(m|c)?(j|t)sx?$/.test(relPath),
    });
  }
  return { files, testFilesExcluded };
}

const mb = (bytes: number) => bytes / 1024 / 1024;
const rate = (bytes: number, ms: number) => mb(bytes) / (ms / 1000);

async function fixtureLanguage(analyzer: Analyzer, dirName: string, reps: number): Promise<{ rows: Row[]; details: unknown }> {
  const { files, testFilesExcluded } = fixtureFiles(dirName);
  const withEslint = files.filter((file) => file.eslint);
  for (let warmUp = 0; warmUp < 2; warmUp++) {
    for (const file of files) await analyzer.analyze(file.text, file.relPath);
    for (const file of withEslint) eslintVerify(file.text, file.relPath);
  }
  const perFile = new Map<string, { analyzer: number[]; eslint: number[] }>(files.map((f) => [f.relPath, { analyzer: [], eslint: [] }]));
  const totals = {
    analyzer: [] as number[], floor: [] as number[], eslint: [] as number[],
    analyzerEslintFiles: [] as number[], analyzerParsed: [] as number[], eslintParsed: [] as number[],
  };
  // Per pass: every file through the analyzer, then the JS/TS files through ESLint; the ratio is taken per pass,
  // then its median, so a burst of load from other processes tends to hit both halves of a ratio alike. (Forcing
  // a gc() between the halves was tried and made both sides slower: V8 then flushes their compiled code.)
  const passRatios = { all: [] as number[], parsed: [] as number[] };
  for (let rep = 0; rep < reps; rep++) {
    let analyzerTotal = 0;
    let analyzerEslintFiles = 0;
    let analyzerParsed = 0;
    for (const file of files) {
      const ms = await timeMsAsync(() => analyzer.analyze(file.text, file.relPath));
      perFile.get(file.relPath)!.analyzer.push(ms);
      analyzerTotal += ms;
      if (file.eslint) analyzerEslintFiles += ms;
      if (file.eslint && file.parsed) analyzerParsed += ms;
    }
    totals.analyzer.push(analyzerTotal);
    totals.floor.push(timeMs(() => files.forEach((file) => regexPass(file.text))));
    if (withEslint.length === 0) continue;
    let eslintTotal = 0;
    let eslintParsed = 0;
    for (const file of withEslint) {
      const ms = timeMs(() => eslintVerify(file.text, file.relPath));
      perFile.get(file.relPath)!.eslint.push(ms);
      eslintTotal += ms;
      if (file.parsed) eslintParsed += ms;
    }
    totals.analyzerEslintFiles.push(analyzerEslintFiles);
    totals.analyzerParsed.push(analyzerParsed);
    totals.eslint.push(eslintTotal);
    totals.eslintParsed.push(eslintParsed);
    passRatios.all.push(eslintTotal / analyzerEslintFiles);
    if (analyzerParsed > 0) passRatios.parsed.push(eslintParsed / analyzerParsed);
  }
  const bytes = files.reduce((sum, file) => sum + file.bytes, 0);
  const perFileMedians = files.map((file) => summarize(perFile.get(file.relPath)!.analyzer).median);
  const perFileSummary = summarize(perFileMedians);
  const analyzerTotal = summarize(totals.analyzer).median;
  const floorTotal = summarize(totals.floor).median;
  const parsedCount = files.filter((file) => file.parsed).length;
  const rows: Row[] = [];
  const label = `${dirName}: ${files.length} files, ${(bytes / 1024).toFixed(0)} KB, ${parsedCount} pass the prefilter`;
  rows.push({
    ...msRow(SECTION_FIXTURES, `${label}; per file`, perFileSummary),
    spread: `${fmtMs(perFileSummary.min)}–${fmtMs(perFileSummary.max)} (min–max over files)`,
    ratio: `${fmtRate(rate(bytes, analyzerTotal))}; regex floor ${fmtRate(rate(bytes, floorTotal))} (analyzer ${fmtRatio(analyzerTotal / floorTotal)} the floor)`,
  });
  let eslintDetails: unknown;
  if (withEslint.length > 0) {
    const eslintBytes = withEslint.reduce((sum, file) => sum + file.bytes, 0);
    const eslintTotal = summarize(totals.eslint).median;
    const analyzerOnSame = summarize(totals.analyzerEslintFiles).median;
    const factor = summarize(passRatios.all).median;
    const factorParsed = summarize(passRatios.parsed).median;
    const fatal = withEslint.reduce((sum, file) => sum + eslintVerify(file.text, file.relPath).fatal, 0);
    rows.push(valueRow(SECTION_FIXTURES, `${dirName}: analyzer vs ESLint + 1 rule, same ${withEslint.length} files (median total per pass)`, `${fmtMs(analyzerOnSame)} vs ${fmtMs(eslintTotal)}`, {
      spread: `ESLint ${fmtRate(rate(eslintBytes, eslintTotal))}`,
      ratio: `analyzer ${fmtRatio(factor)} faster than ESLint (median of per-pass ratios; on the ${withEslint.filter((f) => f.parsed).length} files it parses: ${fmtRatio(factorParsed)})`,
      budget: '≥ 4× faster than ESLint',
      status: factor >= 4 ? 'pass' : 'MISS',
    }));
    eslintDetails = { files: withEslint.length, bytes: eslintBytes, totalMs: eslintTotal, analyzerMs: analyzerOnSame, factor, passRatios, parsedOnly: { analyzerMs: summarize(totals.analyzerParsed), eslintMs: summarize(totals.eslintParsed), factor: factorParsed }, fatalParseErrors: fatal };
  }
  return {
    rows,
    details: {
      files: files.map((file, index) => ({ file: file.relPath, bytes: file.bytes, parsed: file.parsed, analyzerMedianMs: perFileMedians[index], eslintMedianMs: file.eslint ? summarize(perFile.get(file.relPath)!.eslint).median : undefined })),
      testFilesExcluded,
      bytes,
      perFile: perFileSummary,
      totalMs: summarize(totals.analyzer),
      floorTotalMs: summarize(totals.floor),
      mbPerSecond: rate(bytes, analyzerTotal),
      floorMbPerSecond: rate(bytes, floorTotal),
      eslint: eslintDetails,
    },
  };
}

async function timeAnalysis(analyzer: Analyzer, text: string, fileName: string, reps: number, options?: { maxBytes?: number }): Promise<{ summary: Summary; result: AnalysisResult }> {
  const result = await analyzer.analyze(text, fileName, options);
  const samples: number[] = [];
  for (let rep = 0; rep < reps; rep++) samples.push(await timeMsAsync(() => analyzer.analyze(text, fileName, options)));
  return { summary: summarize(samples), result };
}

function outcome(result: AnalysisResult): string {
  return result.skipReason ? `skipped: ${result.skipReason}` : `${result.findings.length} finding(s)`;
}

/** One-line edit in the middle of a file: what a keystroke does to the text. */
function editedCopies(text: string, count: number): string[] {
  const lines = text.split('\n');
  const middle = Math.floor(lines.length / 2);
  return Array.from({ length: count }, (_, index) => [...lines.slice(0, middle), `// edit ${index}`, ...lines.slice(middle)].join('\n'));
}

/** The content change (as VS Code reports it) from edited copy `index - 1` to copy `index`: the edit line rewritten. */
function copyChange(text: string, index: number): ReturnType<typeof editForChange> {
  const middle = Math.floor(text.split('\n').length / 2);
  const rangeOffset = text.split('\n').slice(0, middle).join('\n').length + 1;
  const before = `// edit ${index - 1}`;
  return editForChange({
    rangeOffset,
    rangeLength: before.length,
    text: `// edit ${index}`,
    range: { start: { line: middle, character: 0 }, end: { line: middle, character: before.length } },
  });
}

/**
 * Reference only: the bare tree-sitter full parse of the text (the analyzer's floor when it parses), and what an
 * incremental re-parse of the same one-line edit costs via `tree.edit` + `parser.parse(text, oldTree)` (what an
 * AnalysisSession does); and the shared JS index and each applicable detector's time on the full tree, to show
 * where a full analysis spends its time.
 */
async function treeSitterReference(text: string, reps: number): Promise<{ fullParse: Summary; incremental: Summary; detectors: Record<string, Summary> }> {
  const language = await Language.load(await loadWasm('tree-sitter-javascript.wasm'));
  const parser = new Parser();
  parser.setLanguage(language);
  const lines = text.split('\n');
  const middle = Math.floor(lines.length / 2);
  const startIndex = lines.slice(0, middle).join('\n').length + 1;
  const samples: number[] = [];
  const fullSamples: number[] = [];
  const applicable = detectors.filter((detector) => detector.languages.includes('javascript') && detector.prefilter(text));
  // The JS detectors share one index of the file (one walk of the tree, its calls, its imports): timed on its own,
  // so each detector's figure is its own work.
  const detectorSamples = new Map<string, number[]>([['shared JS index', []], ...applicable.map((detector): [string, number[]] => [detector.id, []])]);
  for (let rep = 0; rep < reps + 1; rep++) {
    const inserted = `// edit ${rep}\n`;
    const edited = text.slice(0, startIndex) + inserted + text.slice(startIndex);
    let parsed: Tree | null = null;
    const fullMs = timeMs(() => (parsed = parser.parse(text)));
    if (rep > 0) fullSamples.push(fullMs);
    const old = parsed as unknown as Tree;
    const root = old.rootNode;
    const indexMs = timeMs(() => analyzeJsModule(root));
    if (rep > 0) detectorSamples.get('shared JS index')!.push(indexMs);
    for (const detector of applicable) {
      const ms = timeMs(() => detector.detect({ tree: old, root, text, language: 'javascript', isCancelled: () => false }));
      if (rep > 0) detectorSamples.get(detector.id)!.push(ms);
    }
    releaseTreeCaches(old);
    old.edit({
      startIndex, oldEndIndex: startIndex, newEndIndex: startIndex + inserted.length,
      startPosition: { row: middle, column: 0 }, oldEndPosition: { row: middle, column: 0 }, newEndPosition: { row: middle + 1, column: 0 },
    });
    let tree: Tree | null = null;
    const ms = timeMs(() => (tree = parser.parse(edited, old)));
    if (rep > 0) samples.push(ms);
    (tree as Tree | null)?.delete();
    old.delete();
  }
  parser.delete();
  return {
    fullParse: summarize(fullSamples),
    incremental: summarize(samples),
    detectors: Object.fromEntries([...detectorSamples].map(([id, times]) => [id, summarize(times)])),
  };
}

async function pathological(analyzer: Analyzer, options: BenchOptions): Promise<{ rows: Row[]; details: unknown }> {
  const reps = options.quick ? 4 : 15;
  const rows: Row[] = [];
  const details: Record<string, unknown> = {};
  const S = SECTION_PATHOLOGICAL;

  const express = expressServerSource(2000);
  const expressBytes = Buffer.byteLength(express);
  const colds: number[] = [];
  for (let rep = 0; rep < (options.quick ? 2 : 5); rep++) {
    const fresh = createAnalyzer(loadWasm);
    colds.push(await timeMsAsync(() => fresh.analyze(express, 'src/server.js')));
    fresh.dispose();
  }
  // Warm full analysis and ESLint back to back per pass, as in fixtureLanguage; the ratio is the median per pass.
  const warmResult = await analyzer.analyze(express, 'src/server.js');
  eslintVerify(express, 'server.js');
  const warmSamples: number[] = [];
  const eslintSamples: number[] = [];
  const eslintRatios: number[] = [];
  for (let rep = 0; rep < Math.max(4, Math.ceil(reps * 0.6)); rep++) {
    const ours = await timeMsAsync(() => analyzer.analyze(express, 'src/server.js'));
    const theirs = timeMs(() => eslintVerify(express, 'server.js'));
    warmSamples.push(ours);
    eslintSamples.push(theirs);
    eslintRatios.push(theirs / ours);
  }
  const warm = { summary: summarize(warmSamples), result: warmResult };
  const eslint = summarize(eslintSamples);
  const eslintFactor = summarize(eslintRatios).median;
  const edits = editedCopies(express, reps + 1);
  await analyzer.analyze(edits[0], 'src/server.js');
  const afterEdit: number[] = [];
  for (const text of edits.slice(1)) afterEdit.push(await timeMsAsync(() => analyzer.analyze(text, 'src/server.js')));
  const afterEditSummary = summarize(afterEdit);
  // The editor's path: one AnalysisSession per document keeps the tree; each analysis after an edit re-parses
  // incrementally (given the change, as the hints manager passes VS Code's content changes). Timed in its own loop,
  // like the stateless re-analysis above; ESLint has no incremental mode, so its warm time on the file (above) is
  // the peer.
  const session = analyzer.createSession();
  await session.analyze(edits[0], 'src/server.js');
  const sessionSamples: number[] = [];
  let sessionResult: AnalysisResult | undefined;
  for (let index = 1; index < edits.length; index++) {
    const change = copyChange(edits[index - 1], index);
    sessionSamples.push(await timeMsAsync(async () => (sessionResult = await session.analyze(edits[index], 'src/server.js', { edits: [change] }))));
  }
  session.dispose();
  const sessionSummary = summarize(sessionSamples);
  const sessionEslintFactor = eslint.median / sessionSummary.median;
  const sessionAgrees = sessionResult !== undefined && JSON.stringify(sessionResult) === JSON.stringify(await analyzer.analyze(edits[edits.length - 1], 'src/server.js'));
  const floorSamples: number[] = [];
  for (let rep = 0; rep < reps; rep++) floorSamples.push(timeMs(() => regexPass(express)));
  const floor = summarize(floorSamples);
  const reference = await treeSitterReference(express, reps);
  const incremental = reference.incremental;
  const coldSummary = summarize(colds);
  const name = `2,000-line Express server (${(expressBytes / 1024).toFixed(0)} KB, ${outcome(warm.result)})`;
  rows.push(
    msRow(S, `${name}: cold (fresh analyzer: grammar load + parse + detectors)`, coldSummary),
    msRow(S, `${name}: warm, full analysis (parse included)`, warm.summary, {
      ratio: `${fmtRate(rate(expressBytes, warm.summary.median))}; ESLint + 1 rule ${fmtMs(eslint.median)}: analyzer ${eslintFactor >= 1 ? `${fmtRatio(eslintFactor)} faster` : `${fmtRatio(1 / eslintFactor)} slower`} (median per pass); tree-sitter parse alone ${fmtMs(reference.fullParse.median)}; regex floor ${fmtMs(floor.median)}`,
      budget: '≥ 4× faster than ESLint',
      status: eslintFactor >= 4 ? 'pass' : 'MISS',
    }),
    valueRow(S, `${name}: where a full analysis goes (bare parse, the JS detectors' shared index, each detector; medians)`,
      [`parse ${fmtMs(reference.fullParse.median)}`, ...Object.entries(reference.detectors).map(([id, summary]) => `${id} ${fmtMs(summary.median)}`)].join(' + ')),
    msRow(S, `${name}: re-analysis after a one-line edit without a session (full re-parse: analyze(), as the CLI)`, afterEditSummary),
    budgetMsRow(S, `${name}: re-analysis after a one-line edit through an AnalysisSession (incremental re-parse, as the editor)`, sessionSummary, 10,
      `tree-sitter incremental re-parse alone ${fmtMs(incremental.median)}; vs ESLint + 1 rule on the file (${fmtMs(eslint.median)}): analyzer ${sessionEslintFactor >= 1 ? `${fmtRatio(sessionEslintFactor)} faster` : `${fmtRatio(1 / sessionEslintFactor)} slower`} (medians)${sessionAgrees ? '; same result as a fresh analysis' : '; RESULT DIFFERS from a fresh analysis'}`),
  );
  details.express2000 = { bytes: expressBytes, result: outcome(warm.result), cold: coldSummary, warm: warm.summary, afterEdit: afterEditSummary, afterEditSession: sessionSummary, sessionEslintFactor, sessionAgrees, eslint, eslintFactor, floor, treeSitterFullParse: reference.fullParse, detectors: reference.detectors, incrementalReparseReference: incremental };

  const rejected = prefilterRejectedSource(2000);
  const passes = detectors.filter((detector) => detector.languages.includes('javascript') && detector.prefilter(rejected)).map((d) => d.id);
  const rejectedRun = await timeAnalysis(analyzer, rejected, 'src/reportFormat.js', reps * 2);
  const rejectedFloor = summarize(Array.from({ length: reps }, () => timeMs(() => regexPass(rejected))));
  rows.push(budgetMsRow(S, `2,000-line module the prefilter rejects (${(Buffer.byteLength(rejected) / 1024).toFixed(0)} KB${passes.length > 0 ? `; NOT rejected by ${passes.join(', ')}` : ''})`, rejectedRun.summary, 10,
    `regex floor ${fmtMs(rejectedFloor.median)}`));
  details.prefilterRejected2000 = { bytes: Buffer.byteLength(rejected), prefilterPassedBy: passes, result: outcome(rejectedRun.result), time: rejectedRun.summary, floor: rejectedFloor };

  const minified = minifiedLine();
  const capped = await timeAnalysis(analyzer, minified, 'public/bundle.min.js', reps);
  const uncapped = await timeAnalysis(analyzer, minified, 'public/bundle.min.js', reps, { maxBytes: 20 * 1024 * 1024 });
  const minifiedFloor = summarize(Array.from({ length: reps }, () => timeMs(() => regexPass(minified))));
  rows.push(
    budgetMsRow(S, `5 MB minified single line, default 1 MB cap (${outcome(capped.result)})`, capped.summary, 10, `regex floor ${fmtMs(minifiedFloor.median)}`),
    budgetMsRow(S, `5 MB minified single line, cap raised to 20 MB (${outcome(uncapped.result)})`, uncapped.summary, 10, `regex floor ${fmtMs(minifiedFloor.median)}`),
  );
  details.minified5mb = { bytes: minified.length, defaultCap: { result: outcome(capped.result), time: capped.summary }, raisedCap: { result: outcome(uncapped.result), time: uncapped.summary }, floor: minifiedFloor };

  const nested = deeplyNestedSource(2000);
  const nestedRun = await timeAnalysis(analyzer, nested, 'src/nested.js', Math.max(3, Math.floor(reps / 3)));
  let nestedEslint: Summary | undefined;
  let nestedEslintError: string | undefined;
  try {
    nestedEslint = summarize(Array.from({ length: 3 }, () => timeMs(() => eslintVerify(nested, 'nested.js'))));
  } catch (error) {
    nestedEslintError = error instanceof Error ? error.message : String(error);
  }
  rows.push(msRow(S, `2,000 nested arrays/objects in a handler (${(nested.length / 1024).toFixed(0)} KB, ${outcome(nestedRun.result)})`, nestedRun.summary, {
    ratio: nestedEslint ? speedRatio(nestedRun.summary.median, nestedEslint.median, `ESLint + 1 rule (${fmtMs(nestedEslint.median)})`) : `ESLint failed: ${nestedEslintError}`,
  }));
  details.deeplyNested2000 = { bytes: nested.length, result: outcome(nestedRun.result), time: nestedRun.summary, eslint: nestedEslint, eslintError: nestedEslintError };

  // The fuzz test's "near-cap" input, timed here instead of in a unit test: a real-looking server just under the
  // 1 MB cap, analysed in full (the cost should grow with the size, not faster), against ESLint on the same text.
  let nearCap = expressServerSource(27_000);
  while (Buffer.byteLength(nearCap) > 1024 * 1024 - 1024) nearCap = nearCap.slice(0, nearCap.lastIndexOf('\n', nearCap.length - 20_000) + 1);
  const nearCapRun = await timeAnalysis(analyzer, nearCap, 'src/server.js', Math.max(3, Math.floor(reps / 5)));
  const nearCapEslint = summarize(Array.from({ length: 3 }, () => timeMs(() => eslintVerify(nearCap, 'server.js'))));
  const nearCapFloor = summarize(Array.from({ length: 5 }, () => timeMs(() => regexPass(nearCap))));
  rows.push(msRow(S, `Express server just under the 1 MB cap (${(Buffer.byteLength(nearCap) / 1024).toFixed(0)} KB, ${outcome(nearCapRun.result)})`, nearCapRun.summary, {
    ratio: `${speedRatio(nearCapRun.summary.median, nearCapEslint.median, `ESLint + 1 rule (${fmtMs(nearCapEslint.median)})`)}; regex floor ${fmtMs(nearCapFloor.median)}`,
  }));
  details.nearCap1mb = { bytes: Buffer.byteLength(nearCap), result: outcome(nearCapRun.result), time: nearCapRun.summary, eslint: nearCapEslint, floor: nearCapFloor };
  return { rows, details };
}

export async function analyzerBench(options: BenchOptions): Promise<PartResult> {
  const rows: Row[] = [];
  const details: Record<string, unknown> = {};
  // Nothing in this process has touched tree-sitter yet: the first analysis pays the runtime's one-time set-up.
  const express = expressServerSource(2000);
  // The longest synchronous stretch is what an extension host would be blocked for (no other work runs then).
  const first = createAnalyzer(loadWasm);
  const loopDelay = monitorEventLoopDelay({ resolution: 5 });
  loopDelay.enable();
  const firstMs = await timeMsAsync(() => first.analyze(express, 'src/server.js'));
  await new Promise((resolve) => setTimeout(resolve, 20));
  loopDelay.disable();
  first.dispose();
  const firstStallMs = loopDelay.max / 1e6;
  details.firstAnalysisInProcess = { ms: firstMs, longestSynchronousBlockMs: firstStallMs };
  const analyzer = createAnalyzer(loadWasm);
  const languages = fs.readdirSync(fixturesRoot, { withFileTypes: true }).filter((e) => e.isDirectory()).map((e) => e.name).sort();
  for (const language of languages) {
    const result = await fixtureLanguage(analyzer, language, options.quick ? 3 : 12);
    rows.push(...result.rows);
    details[language] = result.details;
  }
  const patho = await pathological(analyzer, options);
  rows.push(valueRow(SECTION_PATHOLOGICAL, '2,000-line Express server: first analysis in a fresh Node process (tree-sitter runtime init + grammar load + analysis; 1 sample)', fmtMs(firstMs), {
    ratio: `longest synchronous block ${fmtMs(firstStallMs)} (event-loop delay)`,
  }));
  rows.push(...patho.rows);
  details.pathological = patho.details;
  analyzer.dispose();
  return { rows, details };
}
