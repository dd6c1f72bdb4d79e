// Edits for incremental re-parsing: how the text of a document changed between two analyses, as the single
// tree-sitter edit that covers every change. Hosts may describe the changes (VS Code content changes, converted with
// editForChange); the description is only a hint: it is checked against the two texts, and the changed span is found
// from the texts themselves when there is none or it does not match. Positions are always computed from the texts
// (rows at '\n', as tree-sitter counts them), so a host whose line model differs cannot skew the tree.

import type { ContentChange, DocumentEdit, TextPoint } from './types';

/** Converts an editor's content change to a {@link DocumentEdit}. */
export function editForChange(change: ContentChange): DocumentEdit {
  const start = { row: change.range.start.line, column: change.range.start.character };
  const lastBreak = change.text.lastIndexOf('\n');
  const newEndPosition =
    lastBreak < 0
      ? { row: start.row, column: start.column + change.text.length }
      : { row: start.row + countBreaks(change.text, 0, change.text.length), column: change.text.length - lastBreak - 1 };
  return {
    startIndex: change.rangeOffset,
    oldEndIndex: change.rangeOffset + change.rangeLength,
    newEndIndex: change.rangeOffset + change.text.length,
    startPosition: start,
    oldEndPosition: { row: change.range.end.line, column: change.range.end.character },
    newEndPosition,
  };
}

/** The span that changed: `before[start, oldEnd)` was replaced by `after[start, newEnd)`. */
interface ChangedSpan {
  readonly start: number;
  readonly oldEnd: number;
  readonly newEnd: number;
}

/**
 * The one edit that turns the tree of `before` into a tree to re-parse `after` with, or undefined when the texts are
 * equal. `hints` (the changes in order) are used when they match the texts; otherwise the common prefix and suffix
 * of the two texts give the span.
 */
export function editBetween(before: string, after: string, hints?: readonly DocumentEdit[]): DocumentEdit | undefined {
  if (before === after) {
    return undefined;
  }
  const span = (hints && hints.length > 0 ? spanFromHints(before, after, hints) : undefined) ?? diffSpan(before, after);
  const startPosition = pointAt(before, span.start, 0, { row: 0, column: 0 });
  return {
    startIndex: span.start,
    oldEndIndex: span.oldEnd,
    newEndIndex: span.newEnd,
    startPosition,
    oldEndPosition: pointAt(before, span.oldEnd, span.start, startPosition),
    newEndPosition: pointAt(after, span.newEnd, span.start, startPosition),
  };
}

/** Merges sequential edits into one covering span; undefined when they are malformed or do not match the texts. */
function spanFromHints(before: string, after: string, hints: readonly DocumentEdit[]): ChangedSpan | undefined {
  let span: ChangedSpan | undefined;
  let length = before.length;
  for (const edit of hints) {
    const { startIndex, oldEndIndex, newEndIndex } = edit;
    if (!(Number.isInteger(startIndex) && Number.isInteger(oldEndIndex) && Number.isInteger(newEndIndex))) {
      return undefined;
    }
    if (startIndex < 0 || oldEndIndex < startIndex || newEndIndex < startIndex || oldEndIndex > length) {
      return undefined;
    }
    length += newEndIndex - oldEndIndex;
    if (!span) {
      span = { start: startIndex, oldEnd: oldEndIndex, newEnd: newEndIndex };
      continue;
    }
    // The current text is before[0, start) + (changed part) + before[oldEnd, ...); cover the union of both spans.
    const coverEnd = Math.max(span.newEnd, oldEndIndex);
    span = {
      start: Math.min(span.start, startIndex),
      oldEnd: span.oldEnd + (coverEnd - span.newEnd),
      newEnd: coverEnd + (newEndIndex - oldEndIndex),
    };
  }
  if (!span || length !== after.length || span.oldEnd > before.length || span.newEnd > after.length) {
    return undefined;
  }
  // The texts must agree outside the span, or the hints describe some other change.
  const samePrefix = before.slice(0, span.start) === after.slice(0, span.start);
  return samePrefix && before.slice(span.oldEnd) === after.slice(span.newEnd) ? span : undefined;
}

/** The span between the longest common prefix and the longest common suffix (not overlapping the prefix). */
function diffSpan(before: string, after: string): ChangedSpan {
  const limit = Math.min(before.length, after.length);
  // Whole blocks are compared natively first; characters only within the first block that differs.
  let start = 0;
  while (start + BLOCK <= limit && before.slice(start, start + BLOCK) === after.slice(start, start + BLOCK)) {
    start += BLOCK;
  }
  while (start < limit && before.charCodeAt(start) === after.charCodeAt(start)) {
    start++;
  }
  const room = limit - start;
  let suffix = 0;
  while (suffix + BLOCK <= room && before.slice(before.length - suffix - BLOCK, before.length - suffix) === after.slice(after.length - suffix - BLOCK, after.length - suffix)) {
    suffix += BLOCK;
  }
  while (suffix < room && before.charCodeAt(before.length - 1 - suffix) === after.charCodeAt(after.length - 1 - suffix)) {
    suffix++;
  }
  return { start, oldEnd: before.length - suffix, newEnd: after.length - suffix };
}

const BLOCK = 256;

/** The point of `index` in `text`, counting from a known point `fromPoint` at `from` (≤ index). */
function pointAt(text: string, index: number, from: number, fromPoint: TextPoint): TextPoint {
  let row = fromPoint.row;
  let lineStart = from - fromPoint.column;
  for (let at = text.indexOf('\n', from); at >= 0 && at < index; at = text.indexOf('\n', at + 1)) {
    row++;
    lineStart = at + 1;
  }
  return { row, column: index - lineStart };
}

function countBreaks(text: string, from: number, to: number): number {
  let count = 0;
  for (let at = text.indexOf('\n', from); at >= 0 && at < to; at = text.indexOf('\n', at + 1)) {
    count++;
  }
  return count;
}
