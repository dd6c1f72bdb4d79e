// `statecraft search "<query>" [--json] [--limit N]`: searches the bundled notes with the same index the
// extension's QuickPick uses.

import * as l10n from '@vscode/l10n';
import type { Catalog } from '../core/catalog/bundledCatalog';
import { loadSearchIndex, type SearchHit } from '../core/search/searchIndex';
import { ExitCode, usageError, type CliIo } from './cliIo';

/** Supplies the notes catalog: dist/catalog.json in a build, or built from content/ on the fly. */
export type CatalogLoader = () => Promise<Catalog>;

/** Default and maximum `--limit`. */
export const DEFAULT_SEARCH_LIMIT = 10;
export const MAX_SEARCH_LIMIT = 100;

/** The command's syntax, typed literally (not translated). */
const SYNTAX = 'statecraft search "<query>" [--json] [--limit N]';

interface SearchArgs {
  readonly query: string;
  readonly json: boolean;
  readonly limit: number;
}

function parseLimit(value: string | undefined): number {
  if (value === undefined || value === '') {
    throw usageError(l10n.t({ message: 'option "--limit" needs a value: a whole number from 1 to {0}', args: [MAX_SEARCH_LIMIT], comment: ['--limit is an option name (not translated); {0} is the largest allowed number'] }), SYNTAX);
  }
  const limit = /^\d+$/.test(value) ? Number(value) : NaN;
  if (!Number.isInteger(limit) || limit < 1 || limit > MAX_SEARCH_LIMIT) {
    throw usageError(l10n.t({ message: 'option "--limit" must be a whole number from 1 to {0}, got "{1}"', args: [MAX_SEARCH_LIMIT, value], comment: ['--limit is an option name (not translated); {0} is the largest allowed number, {1} what the user typed'] }), SYNTAX);
  }
  return limit;
}

function parseArgs(argv: readonly string[]): SearchArgs {
  let json = false;
  let limit = DEFAULT_SEARCH_LIMIT;
  let optionsEnded = false;
  const words: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (optionsEnded || !arg.startsWith('-') || arg === '-') {
      words.push(arg);
    } else if (arg === '--') {
      optionsEnded = true;
    } else if (arg === '--json') {
      json = true;
    } else if (arg === '--limit') {
      i += 1;
      limit = parseLimit(argv[i]);
    } else if (arg.startsWith('--limit=')) {
      limit = parseLimit(arg.slice('--limit='.length));
    } else {
      throw usageError(l10n.t({ message: 'unknown option "{0}" for "statecraft search"', args: [arg], comment: ['{0} is the option the user typed; statecraft search is the command (not translated)'] }), SYNTAX);
    }
  }
  const query = words.join(' ').trim();
  if (query === '') {
    throw usageError(l10n.t('missing search query'), SYNTAX);
  }
  return { query, json, limit };
}

function roundScore(score: number): number {
  return Math.round(score * 1000) / 1000;
}

function formatText(query: string, hits: readonly SearchHit[]): string {
  if (hits.length === 0) {
    return `${l10n.t({ message: 'No notes match "{0}".', args: [query], comment: ['{0} is the search query'] })}\n`;
  }
  return hits
    .map((hit, index) => {
      const where = hit.section === '' ? hit.id : `${hit.id}#${hit.section}`;
      const title = hit.sectionTitle === '' ? hit.title : `${hit.title} › ${hit.sectionTitle}`;
      const snippet = hit.snippet === '' ? '' : `\n   ${hit.snippet}`;
      const line = l10n.t({ message: '{0}. {1}  ({2}, score {3})', args: [index + 1, title, where, roundScore(hit.score)], comment: ['One search result: {0} is its rank, {1} the note (and section) title, {2} the note id (and #section), {3} the relevance score'] });
      return `${line}${snippet}\n`;
    })
    .join('');
}

/**
 * Runs `statecraft search`. `argv` holds the arguments after `search`. Several bare words are joined into one
 * query. `--json` prints `[{ id, title, score, section, snippet }]`, best first (score rounded to 3 decimals).
 * Throws UsageError for a missing query, an unknown option or a bad `--limit` (1-100); returns 0 otherwise, also
 * when nothing matches.
 */
export async function runSearchCommand(argv: readonly string[], io: CliIo, catalogLoader: CatalogLoader): Promise<number> {
  const args = parseArgs(argv);
  const catalog = await catalogLoader();
  const hits = loadSearchIndex(catalog.searchIndex).search(args.query, { limit: args.limit });
  if (args.json) {
    const rows = hits.map((hit) => ({
      id: hit.id,
      title: hit.title,
      score: roundScore(hit.score),
      section: hit.section,
      snippet: hit.snippet,
    }));
    io.stdout(`${JSON.stringify(rows, null, 2)}\n`);
  } else {
    io.stdout(formatText(args.query, hits));
  }
  return ExitCode.ok;
}
