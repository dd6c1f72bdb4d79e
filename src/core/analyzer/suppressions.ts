// `statecraft-ignore: <reason>` comments. A suppression is a comment on its own line, directly above the line where
// a finding starts; the reason is mandatory, because a silenced finding must say why (a bare `statecraft-ignore` or
// `statecraft-ignore:` with nothing after it suppresses nothing). Comments are recognised line by line from the
// language's comment tokens, so a line inside a multi-line string that happens to look like such a comment also
// counts; that is the price of not needing a parse to list suppressions.

import { fileKind, type AnalyzerLanguage } from './languages';

/** One effective suppression: the 0-based line of the comment and its reason. */
export interface Suppression {
  readonly line: number;
  readonly reason: string;
}

const patterns = new Map<AnalyzerLanguage, RegExp>();

/** `statecraft-ignore:` after one of the language's comment openers (from the file-kind table). */
function commentPattern(language: AnalyzerLanguage): RegExp {
  let pattern = patterns.get(language);
  if (!pattern) {
    const { line, block } = fileKind(language).comments;
    // A repeated opener (`///`, `##`) is still a comment; inside a block comment a line may start with `*`.
    const openers = line.map((token) => `(?:${token.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')})+`);
    if (block) {
      openers.push('\\/\\*+', '\\*+');
    }
    pattern = new RegExp(`^\\s*(?:${openers.join('|')})\\s*statecraft-ignore\\s*:(.*)$`);
    patterns.set(language, pattern);
  }
  return pattern;
}

/**
 * The line to insert above `indentation`-indented code to silence a finding there: the language's first line-comment
 * token, `statecraft-ignore: `, and the reason on one line.
 */
export function suppressionComment(language: AnalyzerLanguage, indentation: string, reason: string): string {
  return `${indentation}${fileKind(language).comments.line[0]} statecraft-ignore: ${reason.trim().replace(/\r?\n/g, ' ')}\n`;
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
