// One home for "which functions run while handling a request": every language's detector starts from its entry
// points (route handlers, hub methods, actions, ...) and follows the calls it can resolve in the same file. The
// languages differ only in what an entry point is and how a call names its target, which they pass in as `callees`.

import type { Node } from '@vscode/tree-sitter-wasm';

/**
 * How many calls away from an entry point a function still counts as running per request, for every language. A
 * function called from a handler runs per request however deep the chain, and the walk visits each function once
 * (linear in the file), so the bound is not a cost limit: it only stops a pathological chain from being followed
 * without end. Same-file calls deeper than this have not been seen in the evaluation corpus.
 */
export const HANDLER_CALL_DEPTH = 16;

/**
 * The entries and everything reachable from them through `callees`, at most `depth` calls away, breadth first: each
 * item once (the first path that reaches it wins, so items carrying the handler they came from keep the nearest),
 * entries first, then in the order they were reached. Items are told apart by `keyOf` (tree-sitter hands out a new
 * `Node` object per lookup, so nodes are compared by `id`).
 */
export function reachableFrom(entries: Iterable<Node>, callees: (fn: Node) => Iterable<Node>, depth: number): Node[];
export function reachableFrom<T>(entries: Iterable<T>, callees: (item: T) => Iterable<T>, depth: number, keyOf: (item: T) => number): T[];
export function reachableFrom<T>(entries: Iterable<T>, callees: (item: T) => Iterable<T>, depth: number, keyOf: (item: T) => number = (item) => (item as Node).id): T[] {
  const seen = new Set<number>();
  const reached: T[] = [];
  let level: T[] = [];
  const visit = (item: T, into: T[]): void => {
    const key = keyOf(item);
    if (!seen.has(key)) {
      seen.add(key);
      reached.push(item);
      into.push(item);
    }
  };
  for (const entry of entries) {
    visit(entry, level);
  }
  for (let distance = 0; distance < depth && level.length > 0; distance++) {
    const next: T[] = [];
    for (const item of level) {
      for (const callee of callees(item)) {
        visit(callee, next);
      }
    }
    level = next;
  }
  return reached;
}
