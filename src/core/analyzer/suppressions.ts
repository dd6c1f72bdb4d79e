// `statecraft-ignore: <reason>` comments. A suppression is a comment on its own line, directly above the line where
// a finding starts; the reason is mandatory, because a silenced finding must say why (a bare `statecraft-ignore` or
// `statecraft-ignore:` with nothing after it suppresses nothing). Comments are recognised line by line from the
// language's comment tokens, so a line inside a multi-line string that happens to look like such a comment also
// counts; that is the price of not needing a parse to list suppressions.

import type { AnalyzerLanguage } from './types';

/** One effective suppression: the 0-based line of the comment and its reason. */
export interface Suppression {
  readonly line: number;
  readonly reason: string;
}

const HASH_COMMENT_LANGUAGES = new Set<AnalyzerLanguage>(['python', 'ruby', 'yaml', 'nginx', 'haproxy']);

function commentPattern(language: AnalyzerLanguage): RegExp {
  if (HASH_COMMENT_LANGUAGES.has(language)) {
    return /^\s*#+\s*statecraft-ignore\s*:(.*)$/;
  }
  if (language === 'php' || language === 'hcl') {
    return /^\s*(?:\/\/+|#|\/\*+|\*+)\s*statecraft-ignore\s*:(.*)$/;
  }
  return /^\s*(?:\/\/+|\/\*+|\*+)\s*statecraft-ignore\s*:(.*)$/;
}

/** Lists the suppression comments in a text (those with a reason). */
export function listSuppressions(text: string, language: AnalyzerLanguage): Suppression[] {
  if (!text.includes('statecraft-ignore')) {
    return [];
  }
  const pattern = commentPattern(language);
  const suppressions: Suppression[] = [];
  // Rows are counted as tree-sitter counts them: at '\n' only.
  const lines = text.split('\n');
  for (let line = 0; line < lines.length; line++) {
    if (!lines[line].includes('statecraft-ignore')) {
      continue;
    }
    const match = pattern.exec(lines[line].replace(/\r$/, ''));
    if (!match) {
      continue;
    }
    const reason = match[1].replace(/\*\/\s*$/, '').trim();
    if (reason.length > 0) {
      suppressions.push({ line, reason });
    }
  }
  return suppressions;
}
