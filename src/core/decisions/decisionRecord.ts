// Decision records the tools can read: the YAML front matter Statecraft writes at the top of a MADR record (MADR 4
// keeps status and date in front matter too, https://adr.github.io/madr/), how it is read back, and the edit that
// marks a record superseded. Pure: the CLI and the editor read and write the files.

import * as l10n from '@vscode/l10n';
import { stringify } from 'yaml';
import { splitFrontMatter } from '../notes/frontMatter';
import { INPUT_IDS, validateInputs, type Inputs } from '../wizard/inputs';
import { PLACEMENTS, type Placement } from '../wizard/placementRules';
import { isStateKind, STATE_KINDS, type StateKind } from './stateKind';

/** MADR's statuses; `superseded` is written `superseded by <file>`. */
export type RecordStatus = 'proposed' | 'accepted' | 'rejected' | 'deprecated' | 'superseded';

const STATUSES: readonly RecordStatus[] = ['proposed', 'accepted', 'rejected', 'deprecated', 'superseded'];

/** What Statecraft writes into a record's front matter. */
export interface RecordMeta {
  readonly status: 'proposed' | 'accepted';
  /** `YYYY-MM-DD`. */
  readonly date: string;
  readonly state: StateKind;
  readonly placement: Placement;
  readonly answers: Inputs;
  /** Globs (relative to the repository root) of the paths the decision governs; absent or empty: everything. */
  readonly scope?: readonly string[];
  /** The file name of the record this one replaces. */
  readonly supersedes?: string;
}

/** The front matter block, `---` lines included, keys in a fixed order. */
export function renderRecordFrontMatter(meta: RecordMeta): string {
  const data: Record<string, unknown> = {
    status: meta.status,
    date: meta.date,
    state: meta.state,
    placement: meta.placement,
    ...(meta.scope && meta.scope.length > 0 ? { scope: [...meta.scope] } : {}),
    ...(meta.supersedes ? { supersedes: meta.supersedes } : {}),
    answers: Object.fromEntries(INPUT_IDS.map((id) => [id, meta.answers[id]])),
  };
  return `---\n${stringify(data, { lineWidth: 0 })}---\n`;
}

/** A record read back from a file. */
export interface DecisionRecord {
  /** Path as the caller names it (e.g. `docs/adr/0001-keep-session-state-externalized-in-redis.md`). */
  readonly path: string;
  readonly status: RecordStatus;
  /** For `superseded by <x>`: `<x>`. */
  readonly supersededBy?: string;
  readonly date?: string;
  readonly state: StateKind;
  readonly placement: Placement;
  readonly scope: readonly string[];
  readonly answers?: Inputs;
  readonly supersedes?: string;
  /** The record's `# ` heading, if any. */
  readonly title?: string;
}

/** Why a record's front matter cannot be used, with the 0-based line to point at. */
export interface RecordProblem {
  readonly path: string;
  readonly message: string;
  readonly line: number;
}

export type ReadRecordResult =
  | { readonly kind: 'record'; readonly record: DecisionRecord }
  /** No front matter, or front matter without Statecraft's fields: a record written by hand, left alone. */
  | { readonly kind: 'not-statecraft' }
  | { readonly kind: 'problem'; readonly problem: RecordProblem };

function parseStatus(raw: unknown): { status: RecordStatus; by?: string } | undefined {
  if (typeof raw !== 'string') return undefined;
  const text = raw.trim();
  const superseded = /^superseded(?:\s+by\s+(.+))?$/i.exec(text);
  if (superseded) return superseded[1] ? { status: 'superseded', by: superseded[1].trim() } : { status: 'superseded' };
  const lower = text.toLowerCase();
  return (STATUSES as readonly string[]).includes(lower) ? { status: lower as RecordStatus } : undefined;
}

/**
 * Reads a record's front matter. A file without front matter, or whose front matter has neither `state` nor
 * `placement`, is a hand-written record and is left alone. One with either of them must have all of status, state
 * and placement valid, and `scope` a list of non-empty strings; otherwise the result names the first problem and
 * its line. Never throws.
 */
export function readDecisionRecord(path: string, text: string): ReadRecordResult {
  if (!/^\uFEFF?---[ \t]*\r?\n/.test(text)) return { kind: 'not-statecraft' };
  const split = splitFrontMatter(text);
  if (!split.ok) return { kind: 'problem', problem: { path, message: split.error.message, line: split.error.line } };
  const { data, fieldLines, body } = split.frontMatter;
  if (!('state' in data) && !('placement' in data)) return { kind: 'not-statecraft' };
  const problem = (key: string, message: string): ReadRecordResult => ({ kind: 'problem', problem: { path, message, line: fieldLines.get(key) ?? 0 } });
  const status = parseStatus(data.status);
  if (!status) {
    return problem('status', l10n.t({ message: 'decision record status must be one of proposed, accepted, rejected, deprecated or "superseded by <file>" (got {0})', args: [JSON.stringify(data.status) ?? 'nothing'], comment: ['The status words stay in English: they are what the file contains; {0} is the value found'] }));
  }
  if (!isStateKind(data.state)) {
    return problem('state', l10n.t({ message: 'decision record state must be one of {0} (got {1})', args: [STATE_KINDS.join(', '), JSON.stringify(data.state) ?? 'nothing'], comment: ['{0} lists the values as they are; {1} is the value found'] }));
  }
  if (typeof data.placement !== 'string' || !(PLACEMENTS as readonly string[]).includes(data.placement)) {
    return problem('placement', l10n.t({ message: 'decision record placement must be one of {0} (got {1})', args: [PLACEMENTS.join(', '), JSON.stringify(data.placement) ?? 'nothing'], comment: ['{0} lists the values as they are; {1} is the value found'] }));
  }
  let scope: string[] = [];
  if (data.scope !== undefined && data.scope !== null) {
    const list = typeof data.scope === 'string' ? [data.scope] : data.scope;
    if (!Array.isArray(list) || list.some((glob) => typeof glob !== 'string' || glob.trim() === '')) {
      return problem('scope', l10n.t('decision record scope must be a list of path globs, e.g. ["src/sessions/**"]'));
    }
    scope = list.map((glob: string) => glob.trim());
  }
  let answers: Inputs | undefined;
  if (data.answers !== undefined) {
    const checked = typeof data.answers === 'object' && data.answers !== null ? validateInputs(data.answers as Record<string, unknown>) : undefined;
    if (!checked?.ok) {
      const detail = checked && !checked.ok ? checked.errors[0].message : l10n.t('a mapping of answer: value lines');
      return problem('answers', l10n.t({ message: 'decision record answers are not valid: {0}', args: [detail], comment: ['{0} explains the first problem'] }));
    }
    answers = checked.inputs;
  }
  const title = /^# (.+)$/m.exec(body)?.[1]?.trim();
  return {
    kind: 'record',
    record: {
      path,
      status: status.status,
      ...(status.by ? { supersededBy: status.by } : {}),
      ...(typeof data.date === 'string' ? { date: data.date } : {}),
      state: data.state,
      placement: data.placement as Placement,
      scope,
      ...(answers ? { answers } : {}),
      ...(typeof data.supersedes === 'string' ? { supersedes: data.supersedes } : {}),
      ...(title ? { title } : {}),
    },
  };
}

/**
 * Marks a record superseded by `newFileName` (MADR's convention): the front matter's `status` becomes
 * `superseded by <newFileName>`, and the visible `* Status: …` line Statecraft writes under the title too. Other
 * lines are kept byte for byte. Returns undefined when the text has no front matter `status:` line to change.
 */
export function markSuperseded(text: string, newFileName: string): string | undefined {
  const lines = text.split('\n');
  if (!/^\uFEFF?---[ \t]*\r?$/.test(lines[0] ?? '')) return undefined;
  const close = lines.findIndex((line, index) => index > 0 && /^---[ \t]*\r?$/.test(line));
  if (close === -1) return undefined;
  const statusLine = lines.findIndex((line, index) => index > 0 && index < close && /^status:/.test(line));
  if (statusLine === -1) return undefined;
  const eol = lines[statusLine].endsWith('\r') ? '\r' : '';
  lines[statusLine] = `status: ${JSON.stringify(`superseded by ${newFileName}`)}${eol}`;
  const visible = lines.findIndex((line, index) => index > close && /^\* Status: /.test(line));
  if (visible !== -1) {
    const lineEnd = lines[visible].endsWith('\r') ? '\r' : '';
    lines[visible] = `* ${l10n.t({ message: 'Status: superseded by {0}', args: [newFileName], comment: ['A decision record status (MADR); {0} is a file name'] })}${lineEnd}`;
  }
  return lines.join('\n');
}
