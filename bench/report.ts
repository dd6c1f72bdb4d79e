// The one table the bench prints: a row per figure with its median, spread, ratio against a peer measured in the
// same run, budget and status. Every part of the bench (Node micro-benchmarks, the real VS Code runs) returns rows
// in this shape plus raw details for bench-results/latest.json; scripts/bench.mjs renders them together.
import type { Summary } from './stats';

export type Status = 'pass' | 'MISS' | 'info';

export interface Row {
  readonly section: string;
  readonly figure: string;
  readonly median: string;
  /** "a–b unit (p25–p75)" or "(min–max)"; empty for single values such as sizes. */
  readonly spread: string;
  /** Ratio against a peer measured in the same run, in words ("index 3.1× faster than linear scan"). */
  readonly ratio: string;
  /** The budget checked, named precisely ("< 10 ms"); empty when the figure has none. */
  readonly budget: string;
  readonly status: Status;
}

/** Milliseconds with a precision that suits their size. */
export function fmtMs(ms: number): string {
  if (!Number.isFinite(ms)) return 'n/a';
  if (ms === 0) return '0 ms';
  if (ms < 0.1) return `${(ms * 1000).toFixed(0)} µs`;
  if (ms < 10) return `${ms.toFixed(2)} ms`;
  if (ms < 100) return `${ms.toFixed(1)} ms`;
  return `${Math.round(ms)} ms`;
}

/** The bare number part of {@link fmtMs}, for spreads ("1.20–1.31 ms"). */
function fmtMsRange(low: number, high: number): string {
  const [a, b] = [fmtMs(low), fmtMs(high)];
  const unitA = a.split(' ')[1];
  const unitB = b.split(' ')[1];
  return unitA === unitB ? `${a.split(' ')[0]}–${b}` : `${a}–${b}`;
}

export function fmtBytes(bytes: number): string {
  if (bytes >= 1024 * 1024) return `${(bytes / (1024 * 1024)).toFixed(2)} MB`;
  if (bytes >= 1024) return `${(bytes / 1024).toFixed(1)} KB`;
  return `${bytes} B`;
}

export function fmtRate(mbPerSecond: number): string {
  if (!Number.isFinite(mbPerSecond)) return 'n/a';
  return mbPerSecond >= 100 ? `${Math.round(mbPerSecond)} MB/s` : `${mbPerSecond.toFixed(mbPerSecond >= 10 ? 1 : 2)} MB/s`;
}

export function fmtRatio(ratio: number): string {
  if (!Number.isFinite(ratio)) return 'n/a';
  return ratio >= 10 ? `${Math.round(ratio)}×` : `${ratio.toFixed(ratio >= 1 ? 1 : 2)}×`;
}

/** "A is k× faster than B" or "A is k× slower than B" from two times of the same work. */
export function speedRatio(ours: number, peer: number, peerName: string): string {
  if (!(ours > 0) || !(peer > 0)) return `vs ${peerName}: n/a`;
  return peer >= ours ? `${fmtRatio(peer / ours)} faster than ${peerName}` : `${fmtRatio(ours / peer)} slower than ${peerName}`;
}

/** Spread of timings: p25–p75 when there are enough samples for quartiles to mean something, else min–max. */
export function msSpread(summary: Summary): string {
  if (summary.n <= 1) return '';
  return summary.n >= 8 ? `${fmtMsRange(summary.p25, summary.p75)} (p25–p75)` : `${fmtMsRange(summary.min, summary.max)} (min–max)`;
}

export function msRow(section: string, figure: string, summary: Summary, extra: Partial<Pick<Row, 'ratio' | 'budget' | 'status'>> = {}): Row {
  return {
    section,
    figure,
    median: fmtMs(summary.median),
    spread: msSpread(summary),
    ratio: extra.ratio ?? '',
    budget: extra.budget ?? '',
    status: extra.status ?? 'info',
  };
}

/** A row checked against an upper bound in ms: the median must be below `limitMs`. */
export function budgetMsRow(section: string, figure: string, summary: Summary, limitMs: number, ratio = ''): Row {
  return msRow(section, figure, summary, { ratio, budget: `< ${limitMs} ms (median)`, status: summary.median < limitMs ? 'pass' : 'MISS' });
}

export function valueRow(section: string, figure: string, median: string, extra: Partial<Omit<Row, 'section' | 'figure' | 'median'>> = {}): Row {
  return { section, figure, median, spread: extra.spread ?? '', ratio: extra.ratio ?? '', budget: extra.budget ?? '', status: extra.status ?? 'info' };
}

function escapeCell(text: string): string {
  return text.replace(/\|/g, '\\|');
}

/** The Markdown table (pasteable into the README), with one sub-heading row per section. */
export function renderTable(rows: readonly Row[]): string {
  const header = ['Figure', 'Median', 'Spread', 'Ratio vs peer (same run)', 'Budget', 'Status'];
  const lines = [`| ${header.join(' | ')} |`, `|${header.map(() => '---').join('|')}|`];
  let section = '';
  for (const row of rows) {
    if (row.section !== section) {
      section = row.section;
      lines.push(`| **${escapeCell(section)}** | | | | | |`);
    }
    const status = row.status === 'info' ? '' : row.status === 'pass' ? 'pass' : '**MISS**';
    lines.push(`| ${[row.figure, row.median, row.spread, row.ratio, row.budget, status].map(escapeCell).join(' | ')} |`);
  }
  return lines.join('\n');
}

/** Rows whose budget was missed, for the exit code and the closing message. */
export function missedBudgets(rows: readonly Row[]): Row[] {
  return rows.filter((row) => row.status === 'MISS');
}

/** What a part of the bench hands back: rows for the table and raw figures for latest.json. */
export interface PartResult {
  readonly rows: Row[];
  readonly details: Record<string, unknown>;
}
