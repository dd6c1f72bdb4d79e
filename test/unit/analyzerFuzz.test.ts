// Fuzzes the analyzer with hostile input: random bytes (decoded as UTF-8, Latin-1 and as raw UTF-16 with lone
// surrogates), truncated and mutated fixtures, unbalanced brackets, huge literals, 5,000 nested brackets, a 5 MB
// single line and a file just under the 1 MB cap. Every input must analyse without throwing and return well-formed
// ranges and messages; the 5 MB line is the one input over the size cap. How long each took is printed (slowest per
// language, and its ratio to 100 ms + 5 ms per KB of UTF-8 input, the old informal bound) for a person to read, never
// asserted: speed is judged by `npm run bench` against peers in the same run, not by wall-clock limits that a busy
// machine trips. Deterministic: the seed is printed, and STATECRAFT_FUZZ_SEED=<n> replays a run.

import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import * as path from 'node:path';
import { createAnalyzer, languageForFile, type Analyzer } from '../../src/core/analyzer/analyzer';
import type { AnalyzerLanguage } from '../../src/core/analyzer/types';
import { nodeWasmLoader } from './analyzerHelpers';
import { prng } from './helpers/prng';

const DEFAULT_SEED = 20240611;
const SEED = process.env.STATECRAFT_FUZZ_SEED !== undefined ? Number(process.env.STATECRAFT_FUZZ_SEED) : DEFAULT_SEED;
const INPUTS_PER_LANGUAGE = 300;
/** The informal bound the printed table compares each input's time with (information, not a test). */
const BOUND_BASE_MS = 100;
const BOUND_PER_KB_MS = 5;

/** The file name each language is analysed under (not a test file, so every rule runs). */
const ALL_LANGUAGES: ReadonlyArray<readonly [AnalyzerLanguage, string]> = [
  ['javascript', 'server.js'],
  ['typescript', 'server.ts'],
  ['tsx', 'page.tsx'],
  ['python', 'app.py'],
  ['java', 'App.java'],
  ['go', 'main.go'],
  ['csharp', 'Program.cs'],
  ['php', 'index.php'],
  ['ruby', 'app.rb'],
];
/** STATECRAFT_FUZZ_LANGUAGES=go,python narrows a replay to some languages (inputs stay the same per language). */
const ONLY = process.env.STATECRAFT_FUZZ_LANGUAGES?.split(',').map((language) => language.trim());

const TOKENS: Record<string, readonly string[]> = {
  common: ['(', ')', '[', ']', '{', '}', '"', "'", '`', '\\', '/*', '*/', '//', '#', '\n', ';', ',', '=', '=>', '.', ':', '<', '>', '\u0000', '\ufeff', '\u2028', '😀'],
  javascript: ['session(', 'new Map()', 'app.get(', "require('express-session')", 'io.on(', '${', 'async (req, res) =>', '@Injectable()', 'class ', 'store:'],
  python: ['"""', "'''", 'def ', '@app.route("/")', 'SESSION_ENGINE = ', 'global ', 'lambda:', 'f"{', '    ', 'import flask\n'],
  other: ['func ', 'public class ', 'static Map<String, Object> ', '<?php ', 'session_start();', 'def ', 'end', 'HttpSession', 'sync.Map', '$_SESSION['],
};


function fixturesByLanguage(): Map<AnalyzerLanguage, string[]> {
  const root = path.join(__dirname, '..', 'fixtures', 'analyzer');
  const byLanguage = new Map<AnalyzerLanguage, string[]>();
  const pending = [root];
  while (pending.length > 0) {
    const directory = pending.pop()!;
    for (const entry of readdirSync(directory)) {
      const full = path.join(directory, entry);
      if (statSync(full).isDirectory()) {
        pending.push(full);
        continue;
      }
      const language = languageForFile(entry);
      if (language) {
        byLanguage.set(language, [...(byLanguage.get(language) ?? []), readFileSync(full, 'utf8')]);
      }
    }
  }
  // TSX shares the TypeScript corpus; the grammars differ only around JSX.
  byLanguage.set('tsx', [...(byLanguage.get('tsx') ?? []), ...(byLanguage.get('typescript') ?? [])]);
  return byLanguage;
}

interface FuzzInput {
  readonly kind: string;
  readonly text: string;
}

function makeInputs(language: AnalyzerLanguage, corpus: readonly string[], random: () => number): FuzzInput[] {
  const int = (limit: number) => Math.floor(random() * limit);
  const pick = <T>(items: readonly T[]): T => items[int(items.length)];
  const family = language === 'python' ? 'python' : ['javascript', 'typescript', 'tsx'].includes(language) ? 'javascript' : 'other';
  const tokens = [...TOKENS.common, ...TOKENS[family]];
  const sample = () => (corpus.length > 0 ? pick(corpus) : 'x = 1\n');
  const randomBytes = (length: number) => Uint8Array.from({ length }, () => int(256));

  const mutate = (text: string, count: number) => {
    let result = text;
    for (let index = 0; index < count; index++) {
      const at = int(result.length + 1);
      const span = int(40);
      switch (int(4)) {
        case 0:
          result = result.slice(0, at) + result.slice(at + span);
          break;
        case 1:
          result = result.slice(0, at) + result.slice(at, at + span).repeat(1 + int(4)) + result.slice(at);
          break;
        case 2:
          result = result.slice(0, at) + pick(tokens) + result.slice(at);
          break;
        default: {
          const other = int(result.length + 1);
          result = result.slice(0, Math.min(at, other)) + result.slice(Math.max(at, other)) + result.slice(Math.min(at, other), Math.max(at, other));
        }
      }
    }
    return result;
  };

  let nearCap = mutate(sample(), 10);
  while (nearCap.length < 1_000_000) {
    nearCap += `\n${mutate(sample(), 5)}`;
  }
  nearCap = nearCap.slice(0, 1_000_000);
  while (Buffer.byteLength(nearCap, 'utf8') > 1024 * 1024) {
    nearCap = nearCap.slice(0, nearCap.length - 10_000);
  }
  // Fixed hostile shapes, run after the random inputs.
  const special: FuzzInput[] = [
    { kind: 'deep-nesting', text: '['.repeat(5000) + ']'.repeat(5000) },
    { kind: 'deep-nesting', text: `${'('.repeat(4999)}1${')'.repeat(4999)}` },
    { kind: 'deep-nesting', text: `${'{\n'.repeat(5000)}${'}\n'.repeat(5000)}` },
    { kind: 'deep-nesting', text: `${'f(x,\n'.repeat(5000)}1${')'.repeat(5000)}\n` },
    { kind: 'deep-unbalanced', text: `${'f(['.repeat(3000)}\n` },
    { kind: '5mb-line', text: `${sample().split('\n')[0]}${'a'.repeat(5 * 1024 * 1024)}` },
    { kind: 'near-cap', text: nearCap },
  ];
  const inputs: FuzzInput[] = [];
  const generators: Array<[string, () => string]> = [
    ['random-utf8', () => new TextDecoder('utf-8').decode(randomBytes(int(4096)))],
    ['random-latin1', () => new TextDecoder('latin1').decode(randomBytes(int(4096)))],
    ['random-utf16', () => String.fromCharCode(...Array.from({ length: int(4096) }, () => int(65536)))],
    ['truncated', () => sample().slice(0, int(sample().length + 1))],
    ['mutated', () => mutate(sample(), 1 + int(30))],
    ['token-soup', () => Array.from({ length: int(2000) }, () => pick(tokens)).join(random() < 0.5 ? '' : ' ')],
    ['unbalanced', () => Array.from({ length: 1 + int(400) }, () => pick(['(', '[', '{', ')', ']', '}', '\n', 'session', '"', "'"])).join('')],
    ['huge-literal', () => (family === 'python' ? `x = """${'session '.repeat(20_000 + int(20_000)).replace(/(.{100})/g, '$1\n')}"""\n` : `const x = \`${'session '.repeat(20_000 + int(20_000)).replace(/(.{100})/g, '$1\n')}\`;\n`)],
    ['repeated-fixture', () => Array.from({ length: 2 + int(20) }, sample).join('\n')],
  ];
  while (inputs.length < INPUTS_PER_LANGUAGE - special.length) {
    const [kind, generate] = generators[inputs.length % generators.length];
    inputs.push({ kind, text: generate() });
  }
  return [...inputs, ...special];
}

interface LanguageStats {
  inputs: number;
  findings: number;
  skipped: Record<string, number>;
  slowestMs: number;
  slowestKind: string;
  worstBoundRatio: number;
}

describe(`analyzer fuzz (seed ${SEED})`, () => {
  let analyzer: Analyzer;
  const corpus = fixturesByLanguage();
  const stats = new Map<AnalyzerLanguage, LanguageStats>();

  before(() => {
    analyzer = createAnalyzer(nodeWasmLoader);
    console.log(`analyzer fuzz: seed ${SEED} (STATECRAFT_FUZZ_SEED=<n> to replay), ${INPUTS_PER_LANGUAGE} inputs per language, times compared with ${BOUND_BASE_MS} ms + ${BOUND_PER_KB_MS} ms/KB (printed, not asserted)`);
  });

  after(() => {
    analyzer.dispose();
    console.table(
      [...stats].map(([language, s]) => ({
        language,
        inputs: s.inputs,
        findings: s.findings,
        skipped: Object.entries(s.skipped).map(([reason, count]) => `${reason}:${count}`).join(' '),
        slowestMs: Math.round(s.slowestMs),
        slowestKind: s.slowestKind,
        worstOfBound: `${Math.round(s.worstBoundRatio * 100)}%`,
      })),
    );
  });

  ALL_LANGUAGES.forEach(([language, fileName], languageIndex) => {
    if (ONLY && !ONLY.includes(language)) {
      return;
    }
    test(`${language}: ${INPUTS_PER_LANGUAGE} inputs never throw and stay well-formed`, async () => {
      const random = prng(SEED + languageIndex * 7919);
      const inputs = makeInputs(language, corpus.get(language) ?? [], random);
      // Loads the grammar and warms the JIT before the inputs, so the printed times are about the inputs.
      for (const text of corpus.get(language) ?? ['']) {
        await analyzer.analyze(text, fileName);
      }
      const s: LanguageStats = { inputs: 0, findings: 0, skipped: {}, slowestMs: 0, slowestKind: '', worstBoundRatio: 0 };
      stats.set(language, s);
      for (const [index, input] of inputs.entries()) {
        const where = `${language} input #${index} (${input.kind}, seed ${SEED})`;
        const kilobytes = Buffer.byteLength(input.text, 'utf8') / 1024;
        const bound = BOUND_BASE_MS + BOUND_PER_KB_MS * kilobytes;
        const started = performance.now();
        let result: Awaited<ReturnType<Analyzer['analyze']>>;
        try {
          result = await analyzer.analyze(input.text, fileName);
        } catch (error) {
          assert.fail(`${where} threw: ${error instanceof Error ? error.stack : String(error)}`);
        }
        const elapsed = performance.now() - started;
        const lineCount = input.text.split('\n').length;
        for (const finding of [...result.findings, ...result.suppressed]) {
          const { start, end } = finding.range;
          assert.ok(start.line >= 0 && end.line < lineCount && (start.line < end.line || (start.line === end.line && start.character <= end.character)), `${where}: bad range ${JSON.stringify(finding.range)}`);
          assert.ok(finding.message.length > 0 && finding.note.includes('#'), `${where}: malformed finding`);
        }
        s.inputs++;
        s.findings += result.findings.length;
        if (result.skipReason) {
          s.skipped[result.skipReason] = (s.skipped[result.skipReason] ?? 0) + 1;
        }
        if (elapsed > s.slowestMs) {
          s.slowestMs = elapsed;
          s.slowestKind = input.kind;
        }
        s.worstBoundRatio = Math.max(s.worstBoundRatio, elapsed / bound);
      }
      assert.equal(s.inputs, INPUTS_PER_LANGUAGE);
      assert.equal(s.skipped['too-large'] ?? 0, 1, 'exactly the 5 MB line is over the size cap');
    });
  });
});
