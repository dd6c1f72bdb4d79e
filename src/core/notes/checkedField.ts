// The `checked:` front-matter field: when a note's code samples and version-specific claims were last checked, and
// against which library versions. Shape (placed right after `priority:`):
//   checked: { date: 2026-12-02, versions: { express-session: "1.18", connect-redis: "9.0" } }
// Optional for user notes; every bundled note carries it (the content test requires it). `statecraft notes check
// --stale-after <days>` turns an old date into a warning (`noteStaleness.ts`).

import * as l10n from '@vscode/l10n';
import { isRecord } from './frontMatterChecker';
import type { CheckedInfo, NoteProblemSeverity } from './note';

/** Where the validator's problems go (the validator's checker). */
export interface ProblemSink {
  report(field: string, detail: string, severity?: NoteProblemSeverity): void;
}

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** True for a real calendar date written `YYYY-MM-DD`. */
export function isIsoDate(text: string): boolean {
  const match = DATE.exec(text);
  if (!match) return false;
  const date = new Date(Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3])));
  return date.toISOString().slice(0, 10) === text;
}

/** Validates a present `checked` value; returns it when valid. */
export function validateChecked(check: ProblemSink, value: unknown): CheckedInfo | undefined {
  if (!isRecord(value)) {
    check.report('checked', l10n.t('expected a mapping { date: YYYY-MM-DD, versions: { library: "version" } }'));
    return undefined;
  }
  let ok = true;
  for (const key of Object.keys(value)) {
    if (key !== 'date' && key !== 'versions') {
      check.report(`checked.${key}`, l10n.t('unknown field (ignored); expected only date, versions'), 'warning');
    }
  }
  const date = value.date;
  if (typeof date !== 'string' || !isIsoDate(date)) {
    check.report('checked.date', l10n.t({ message: 'expected a date written YYYY-MM-DD but got {0}', args: [date === undefined ? l10n.t('nothing') : JSON.stringify(date)], comment: ['{0} is the value found, in quotes, or the word for a missing value'] }));
    ok = false;
  }
  const versions: Record<string, string> = {};
  if (value.versions === undefined || !isRecord(value.versions)) {
    check.report('checked.versions', l10n.t('expected a mapping of library names to quoted versions, such as { express-session: "1.18" } ({} when the note has no library-specific samples)'));
    ok = false;
  } else {
    for (const [name, version] of Object.entries(value.versions)) {
      if (typeof version === 'number') {
        // YAML reads 1.10 as the number 1.1: a version must be quoted to survive.
        check.report(`checked.versions.${name}`, l10n.t({ message: 'quote the version ("{0}"): unquoted, YAML reads it as a number and 1.10 becomes 1.1', args: [String(version)], comment: ['{0} is the version as YAML read it'] }));
        ok = false;
      } else if (typeof version !== 'string' || version.trim() === '') {
        check.report(`checked.versions.${name}`, l10n.t('expected a non-empty quoted version such as "1.18"'));
        ok = false;
      } else {
        versions[name] = version.trim();
      }
    }
  }
  return ok ? { date: date as string, versions } : undefined;
}
