// `npm run eval:detection`: detection quality on real public files, not on fixtures written to our own rules.
// Reads every manifest `eval/corpus/*.json` (shape in eval/README.md), takes each file's
// text from the git-ignored cache `.corpus-cache/<owner>__<name>/<commit>/<path>` (fetching a missing one from
// raw.githubusercontent.com when the machine is online), runs the same core analysis `statecraft scan` runs (the
// file name comes from `path`, so language and test-file recognition are measured too; relative imports resolve
// against the same cached commit) and prints precision and recall per corpus, per language and per rule, then
// every miss and false alarm.
//   node scripts/evalDetection.mjs [--corpus code] [--min-precision 0.95] [--min-recall 0.9] [--json]
// Scoring is per file: a positive counts as caught when a finding of its expected rule is reported ("caught by
// another rule" is listed apart and counts as a miss of the rule, a catch for the file); a negative with any finding
// is a false alarm. Exit code 0 unless a --min-* threshold given on the command line is missed (or a manifest is
// malformed: exit 2).
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { tsImport } from 'tsx/esm/api';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const cacheRoot = path.join(repoRoot, '.corpus-cache');
const corpusDir = path.join(repoRoot, 'eval', 'corpus');

function parseArgs(argv) {
  const options = { corpus: undefined, minPrecision: undefined, minRecall: undefined, json: false };
  for (let index = 0; index < argv.length; index++) {
    const arg = argv[index];
    const value = () => {
      const next = argv[++index];
      if (next === undefined) {
        fail(`${arg} needs a value`);
      }
      return next;
    };
    const ratio = (raw) => {
      const number = Number(raw);
      if (!Number.isFinite(number) || number < 0 || number > 1) {
        fail(`${arg} takes a number between 0 and 1, not "${raw}"`);
      }
      return number;
    };
    if (arg === '--corpus') options.corpus = value();
    else if (arg === '--min-precision') options.minPrecision = ratio(value());
    else if (arg === '--min-recall') options.minRecall = ratio(value());
    else if (arg === '--json') options.json = true;
    else fail(`unknown argument "${arg}" (allowed: --corpus <name>, --min-precision <0..1>, --min-recall <0..1>, --json)`);
  }
  return options;
}

function fail(message) {
  process.stderr.write(`eval:detection: ${message}\n`);
  process.exit(2);
}

/** Reads and checks one manifest; a malformed entry is an error naming the file and the field. */
function readManifest(file) {
  let manifest;
  try {
    manifest = JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch (error) {
    fail(`${path.relative(repoRoot, file)}: ${error.message}`);
  }
  if (typeof manifest.corpus !== 'string' || !Array.isArray(manifest.files)) {
    fail(`${path.relative(repoRoot, file)}: needs "corpus" (string) and "files" (array)`);
  }
  manifest.files.forEach((entry, index) => {
    const where = `${path.relative(repoRoot, file)} files[${index}]`;
    for (const key of ['repo', 'path', 'commit', 'language', 'label', 'why']) {
      if (typeof entry[key] !== 'string' || entry[key].length === 0) fail(`${where}: "${key}" must be a non-empty string`);
    }
    if (!/^[0-9a-f]{40}$/i.test(entry.commit)) fail(`${where}: "commit" must be 40 hex digits`);
    if (entry.label !== 'positive' && entry.label !== 'negative') fail(`${where}: "label" must be "positive" or "negative"`);
    if (entry.label === 'positive' && typeof entry.rule !== 'string') fail(`${where}: a positive needs "rule"`);
    if (!Array.isArray(entry.lines)) fail(`${where}: "lines" must be an array of line numbers`);
  });
  return manifest;
}

function cachePath(repo, commit, filePath) {
  return path.join(cacheRoot, repo.replace('/', '__'), commit, ...filePath.split('/'));
}

async function readText(repo, commit, filePath) {
  const cached = cachePath(repo, commit, filePath);
  if (fs.existsSync(cached)) {
    return fs.readFileSync(cached, 'utf8');
  }
  try {
    const response = await fetch(`https://raw.githubusercontent.com/${repo}/${commit}/${filePath}`, { signal: AbortSignal.timeout(15_000) });
    if (!response.ok) return undefined;
    const text = await response.text();
    fs.mkdirSync(path.dirname(cached), { recursive: true });
    fs.writeFileSync(cached, text);
    return text;
  } catch {
    return undefined;
  }
}

const ratio = (part, whole) => (whole === 0 ? undefined : part / whole);
const show = (value) => (value === undefined ? '  -  ' : value.toFixed(3));

/** Tallies of one group (a corpus, a language or a rule). */
function newTally() {
  return { positives: 0, caught: 0, negatives: 0, falseAlarms: 0, flaggedPositives: 0 };
}

function precisionOf(tally) {
  // Flagged files: caught positives plus false alarms.
  return ratio(tally.caught, tally.caught + tally.falseAlarms);
}

async function main() {
  const options = parseArgs(process.argv.slice(2));
  const manifests = fs.existsSync(corpusDir)
    ? fs.readdirSync(corpusDir).filter((name) => name.endsWith('.json')).sort().map((name) => readManifest(path.join(corpusDir, name)))
    : [];
  const selected = manifests.filter((manifest) => options.corpus === undefined || manifest.corpus === options.corpus);
  if (selected.length === 0) {
    fail(options.corpus ? `no manifest with "corpus": "${options.corpus}" in eval/corpus` : 'no manifests in eval/corpus');
  }
  const { evaluateCorpusFile, disposeEvaluator } = await tsImport('./evalAnalysis.ts', import.meta.url);

  const results = [];
  for (const manifest of selected) {
    for (const entry of manifest.files) {
      const text = await readText(entry.repo, entry.commit, entry.path);
      if (text === undefined) {
        results.push({ corpus: manifest.corpus, entry, missing: true, rules: [] });
        continue;
      }
      const neighbour = (relativePath) => {
        const cached = cachePath(entry.repo, entry.commit, relativePath);
        return fs.existsSync(cached) ? fs.readFileSync(cached, 'utf8') : undefined;
      };
      const outcome = await evaluateCorpusFile(text, entry.path, neighbour);
      results.push({ corpus: manifest.corpus, entry, missing: false, ...outcome });
    }
  }
  disposeEvaluator();

  const groups = { corpus: new Map(), language: new Map(), rule: new Map() };
  const tally = (kind, key) => {
    if (!groups[kind].has(key)) groups[kind].set(key, newTally());
    return groups[kind].get(key);
  };
  const misses = [];
  const otherRule = [];
  const falseAlarms = [];
  const missing = [];
  for (const result of results) {
    const { entry } = result;
    if (result.missing) {
      missing.push(result);
      continue;
    }
    const bins = [tally('corpus', result.corpus), tally('language', entry.language)];
    if (entry.label === 'positive') {
      bins.push(tally('rule', entry.rule));
      const caught = result.rules.includes(entry.rule);
      for (const bin of bins) {
        bin.positives++;
        if (caught) bin.caught++;
      }
      if (!caught) (result.rules.length > 0 ? otherRule : misses).push(result);
    } else {
      const alarm = result.rules.length > 0;
      for (const bin of bins) {
        bin.negatives++;
        if (alarm) bin.falseAlarms++;
      }
      // A false alarm also costs the precision of the rule that raised it.
      for (const rule of new Set(result.rules)) {
        const ruleTally = tally('rule', rule);
        ruleTally.negatives++;
        ruleTally.falseAlarms++;
      }
      if (alarm) falseAlarms.push(result);
    }
  }

  if (options.json) {
    const asObject = (map) => Object.fromEntries([...map].map(([key, value]) => [key, { ...value, precision: precisionOf(value) ?? null, recall: ratio(value.caught, value.positives) ?? null }]));
    process.stdout.write(`${JSON.stringify({ corpus: asObject(groups.corpus), language: asObject(groups.language), rule: asObject(groups.rule), misses: misses.map(describe), otherRule: otherRule.map(describe), falseAlarms: falseAlarms.map(describe), missing: missing.map(describe) }, null, 2)}\n`);
  } else {
    const lines = [];
    const table = (title, map) => {
      lines.push('', `| ${title} | files | positives | caught | negatives | false alarms | precision | recall |`, '|---|---:|---:|---:|---:|---:|---:|---:|');
      for (const [key, value] of [...map].sort(([a], [b]) => a.localeCompare(b))) {
        lines.push(`| ${key} | ${value.positives + value.negatives} | ${value.positives} | ${value.caught} | ${value.negatives} | ${value.falseAlarms} | ${show(precisionOf(value))} | ${show(ratio(value.caught, value.positives))} |`);
      }
    };
    table('corpus', groups.corpus);
    table('language', groups.language);
    table('rule', groups.rule);
    const list = (title, items) => {
      lines.push('', `${title}: ${items.length}`);
      for (const item of items) lines.push(`  ${describe(item)}`);
    };
    list('Misses (positive, no finding)', misses);
    list('Caught by another rule (counted as a miss of the expected rule)', otherRule);
    list('False alarms (negative with a finding)', falseAlarms);
    list('Missing texts (not in .corpus-cache and not fetchable; left out of every figure)', missing);
    process.stdout.write(`${lines.join('\n')}\n`);
  }

  let code = 0;
  for (const [name, value] of groups.corpus) {
    const precision = precisionOf(value);
    const recall = ratio(value.caught, value.positives);
    if (options.minPrecision !== undefined && precision !== undefined && precision < options.minPrecision) {
      process.stderr.write(`eval:detection: corpus ${name} precision ${show(precision)} is under --min-precision ${options.minPrecision}\n`);
      code = 1;
    }
    if (options.minRecall !== undefined && recall !== undefined && recall < options.minRecall) {
      process.stderr.write(`eval:detection: corpus ${name} recall ${show(recall)} is under --min-recall ${options.minRecall}\n`);
      code = 1;
    }
  }
  process.exitCode = code;
}

function describe(result) {
  const { entry } = result;
  const found = result.rules.length > 0 ? ` → ${[...new Set(result.rules)].join(', ')}` : '';
  const skipped = result.skipped ? ` (skipped: ${result.skipped})` : '';
  const expected = entry.label === 'positive' ? ` expected ${entry.rule}` : '';
  return `[${entry.language}] ${entry.repo}/${entry.path} L${entry.lines.join(',')}${expected}${found}${skipped}: ${entry.why}`;
}

await main();
