// Baselines: the findings a team has accepted for now, so a build fails only on new ones (no one fixes 40 old
// findings to merge one change). A finding matches a baseline entry by file, rule and fingerprint (fingerprint.ts:
// never by line), each entry matching at most one finding. Entries that match nothing are stale (the finding was
// fixed or its construct edited); they are counted, so a team can see when to re-write the baseline.
//
// The file is JSON made for code review: a version, then one entry per finding sorted by file, rule and
// fingerprint, two-space indentation and a final newline, so re-writing an unchanged baseline changes no byte and a
// fixed finding is a one-entry deletion in the diff. It holds no line numbers and no messages (both change without the
// finding changing).

import * as l10n from '@vscode/l10n';

export const BASELINE_VERSION = 1;

/** One accepted finding. `file` is workspace-relative with `/`; `fingerprint` comes from fingerprintFindings. */
export interface BaselineEntry {
  readonly file: string;
  readonly rule: string;
  readonly fingerprint: string;
}

export interface Baseline {
  readonly version: typeof BASELINE_VERSION;
  readonly findings: readonly BaselineEntry[];
}

/** A baseline that cannot be used, with a message saying what is wrong (the caller adds the file name). */
export class BaselineError extends Error {}

/** The baseline file's text for these findings (any order in, sorted out, duplicates kept: they are counted). */
export function serializeBaseline(entries: readonly BaselineEntry[]): string {
  const findings = entries
    .map(({ file, rule, fingerprint }) => ({ file, rule, fingerprint }))
    .sort((a, b) => compareText(a.file, b.file) || compareText(a.rule, b.rule) || compareText(a.fingerprint, b.fingerprint));
  return `${JSON.stringify({ version: BASELINE_VERSION, findings }, null, 2)}\n`;
}

/** Reads a baseline file's text; throws {@link BaselineError} naming the first problem. */
export function parseBaseline(text: string): Baseline {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (error) {
    throw new BaselineError(l10n.t('not valid JSON ({0})', error instanceof Error ? error.message : String(error)));
  }
  if (typeof data !== 'object' || data === null || Array.isArray(data)) {
    throw new BaselineError(l10n.t('expected an object with "version" and "findings"'));
  }
  const { version, findings } = data as { version?: unknown; findings?: unknown };
  if (version !== BASELINE_VERSION) {
    throw new BaselineError(l10n.t('unsupported version {0} (this statecraft reads version {1}); re-write it with --write-baseline', JSON.stringify(version) ?? 'undefined', BASELINE_VERSION));
  }
  if (!Array.isArray(findings)) {
    throw new BaselineError(l10n.t('"findings" must be an array'));
  }
  const entries = findings.map((entry: unknown, index) => {
    const { file, rule, fingerprint } = (typeof entry === 'object' && entry !== null ? entry : {}) as Record<string, unknown>;
    if (typeof file !== 'string' || typeof rule !== 'string' || typeof fingerprint !== 'string' || file === '' || rule === '' || fingerprint === '') {
      throw new BaselineError(l10n.t('findings[{0}] needs non-empty string fields "file", "rule" and "fingerprint"', index));
    }
    return { file, rule, fingerprint };
  });
  return { version: BASELINE_VERSION, findings: entries };
}

/** What a baseline leaves of a scan: the new findings, how many were known, and the entries nothing matched. */
export interface BaselineComparison<T> {
  readonly fresh: T[];
  readonly known: number;
  readonly stale: BaselineEntry[];
}

/** Splits `results` into new and known findings; order of `results` is kept in `fresh`. */
export function compareWithBaseline<T extends BaselineEntry>(results: readonly T[], baseline: Baseline): BaselineComparison<T> {
  const remaining = new Map<string, BaselineEntry[]>();
  for (const entry of baseline.findings) {
    const key = entryKey(entry);
    const list = remaining.get(key);
    if (list) list.push(entry);
    else remaining.set(key, [entry]);
  }
  const fresh: T[] = [];
  let known = 0;
  for (const result of results) {
    const list = remaining.get(entryKey(result));
    if (list && list.length > 0) {
      list.pop();
      known++;
    } else {
      fresh.push(result);
    }
  }
  const stale = [...remaining.values()].flat();
  return { fresh, known, stale };
}

function entryKey(entry: BaselineEntry): string {
  return `${entry.file}\u0000${entry.rule}\u0000${entry.fingerprint}`;
}

/** Code-unit order, not locale order: the file must sort the same on every machine. */
function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
