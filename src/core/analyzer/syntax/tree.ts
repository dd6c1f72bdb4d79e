// Language-neutral helpers over tree-sitter nodes. Every walk is iterative (a TreeCursor, never recursion), so a
// file with thousands of nested brackets cannot overflow the JavaScript stack. Avoid `node.parent` in loops: the
// binding computes it by descending from the root (O(depth)), so ancestor chains are quadratic in deep trees;
// work top-down and compare byte ranges instead ({@link RangeSet}).

import type { Node, Tree } from '@vscode/tree-sitter-wasm';
import type { Finding, FindingSeverity, RuleId, TextRange } from '../types';
import { RULES, ruleTitle } from '../rules';
import { HANDLER_CALL_DEPTH, reachableFrom } from './reachable';

/** The 0-based range of a node (tree-sitter columns are UTF-16 code units here, as in VS Code). */
export function rangeOf(node: Node): TextRange {
  return {
    start: { line: node.startPosition.row, character: node.startPosition.column },
    end: { line: node.endPosition.row, character: node.endPosition.column },
  };
}

/**
 * Visits `root` and its descendants in document order. `visit` returns false to skip a node's children. Only nodes
 * whose type is in `types` (all nodes when omitted) are materialised, which keeps big trees cheap to scan.
 */
export function walk(root: Node, visit: (node: Node) => boolean | void, types?: ReadonlySet<string>): void {
  const cursor = root.walk();
  try {
    let depth = 0;
    for (;;) {
      let descend = true;
      if (types === undefined || types.has(cursor.nodeType)) {
        descend = visit(cursor.currentNode) !== false;
      }
      if (descend && cursor.gotoFirstChild()) {
        depth++;
        continue;
      }
      for (;;) {
        if (depth === 0) {
          return;
        }
        if (cursor.gotoNextSibling()) {
          break;
        }
        cursor.gotoParent();
        depth--;
      }
    }
  } finally {
    cursor.delete();
  }
}

/** Every per-tree cache, so that {@link releaseTreeCaches} can empty them for a tree. */
const treeCaches: Array<WeakMap<object, unknown>> = [];

/**
 * A value computed once per tree (the returned function caches it, keyed by the tree object) and shared by the
 * detectors of one analysis.
 * The analyzer calls {@link releaseTreeCaches} when the analysis ends. A WeakMap alone frees the values late: V8's
 * young-generation GC keeps a weak map's values whenever it cannot prove the key dead (never, once the key has been
 * promoted), so thousands of cached nodes were copied and promoted by every scavenge until the next full GC. Measured
 * on re-analysing a 2,000-line file, those scavenges cost more than the analysis itself.
 */
export function perTree<V>(compute: (tree: Tree) => V): (tree: Tree) => V {
  const cache = new WeakMap<object, V>();
  treeCaches.push(cache);
  return (tree) => {
    let value = cache.get(tree);
    if (value === undefined) {
      value = compute(tree);
      cache.set(tree, value);
    }
    return value;
  };
}

/**
 * The first index in [0, length) at which `isPast` turns true, or `length`: a binary search over anything sorted so
 * that `isPast` is false, then true. `partitionPoint(n, (i) => starts[i] >= x)` is the first start at or after x;
 * minus one with `> x`, the last start at or before x.
 */
export function partitionPoint(length: number, isPast: (index: number) => boolean): number {
  let low = 0;
  let high = length;
  while (low < high) {
    const middle = (low + high) >> 1;
    if (isPast(middle)) {
      high = middle;
    } else {
      low = middle + 1;
    }
  }
  return low;
}

/** Drops everything the per-tree caches hold for `tree` (the analyzer calls this after the detectors ran). */
export function releaseTreeCaches(tree: object): void {
  for (const cache of treeCaches) {
    cache.delete(tree);
  }
}

/** What {@link collect} keeps per tree: the root's id, nodes by type, and merged lists for multi-type queries. */
interface TypeIndex {
  readonly rootId: number;
  readonly byType: Map<string, Node[]>;
  readonly merged: Map<string, Node[]>;
}

/** Per-tree cache of nodes by type for whole-tree queries: detectors ask for the same types again and again. */
const typeIndexOf = perTree<TypeIndex>((tree) => ({ rootId: tree.rootNode.id, byType: new Map(), merged: new Map() }));
/** Types gathered on the first whole-tree walk (when the grammar has them), so later queries need no walk. */
const preloadTypes = new Set<string>();
const preloadByLanguage = new WeakMap<object, string[]>();

/** Registers node types that detectors usually ask for; they are indexed in the first walk of every tree. */
export function preloadNodeTypes(types: readonly string[]): void {
  for (const type of types) {
    preloadTypes.add(type);
  }
}

function preloadFor(root: Node): string[] {
  const language = root.tree.language;
  let types = preloadByLanguage.get(language);
  if (!types) {
    types = [...preloadTypes].filter((type) => language.idForNodeType(type, true) !== null);
    preloadByLanguage.set(language, types);
  }
  return types;
}

const knownTypesByLanguage = new WeakMap<object, ReadonlySet<string>>();

/** Every node type name (named or anonymous) the tree's grammar has. */
function knownTypes(root: Node): ReadonlySet<string> {
  const language = root.tree.language;
  let known = knownTypesByLanguage.get(language);
  if (!known) {
    // descendantsOfType also understands "ERROR" (error nodes have no entry in the type table).
    known = new Set(['ERROR', ...language.types.filter((type): type is string => typeof type === 'string')]);
    knownTypesByLanguage.set(language, known);
  }
  return known;
}

/** The types among `types` that the tree's grammar has as NAMED nodes (an anonymous keyword such as `function` in
 * the JavaScript grammar is left out), for type lists shared by grammars that name things differently. */
export function namedTypesOf(root: Node, types: readonly string[]): readonly string[] {
  const language = root.tree.language;
  let byList = namedTypesCache.get(language);
  if (!byList) {
    byList = new Map();
    namedTypesCache.set(language, byList);
  }
  let named = byList.get(types);
  if (!named) {
    named = types.filter((type) => language.idForNodeType(type, true) !== null);
    byList.set(types, named);
  }
  return named;
}
const namedTypesCache = new WeakMap<object, Map<readonly string[], readonly string[]>>();

/**
 * All descendants (and `root` itself) of the given types, in document order. Queries on a tree's root node are
 * answered from a per-tree cache (filled by one walk per new type), so several detectors share the walks.
 */
export function collect(root: Node, types: readonly string[]): Node[] {
  const index = typeIndexOf(root.tree);
  const isTreeRoot = root.startIndex === 0 && root.id === index.rootId;
  if (!isTreeRoot) {
    return descendants(root, types);
  }
  const { byType, merged } = index;
  if (types.length === 1 && byType.has(types[0])) {
    return byType.get(types[0])!.slice();
  }
  const key = types.join('\u0000');
  const known = merged.get(key);
  if (known) {
    return known.slice();
  }
  const unique = [...new Set(types)];
  const missing = unique.filter((type) => !byType.has(type));
  if (missing.length > 0) {
    // A type the grammar does not have at all matches nothing: answer it without a walk of the whole tree.
    const grammarTypes = knownTypes(root);
    for (const type of missing.filter((type) => !grammarTypes.has(type))) {
      byType.set(type, []);
    }
    const wanted = missing.filter((type) => grammarTypes.has(type));
    if (wanted.length > 0) {
      wanted.push(...preloadFor(root).filter((type) => !byType.has(type) && !wanted.includes(type)));
      const buckets = new Map<string, Node[]>(wanted.map((type) => [type, []]));
      for (const node of descendants(root, wanted)) {
        buckets.get(node.type)?.push(node);
      }
      for (const [type, nodes] of buckets) {
        byType.set(type, nodes);
      }
    }
  }
  if (unique.length === 1) {
    return byType.get(unique[0])!.slice();
  }
  // Merged lists are sorted once per tree and type list; callers get copies.
  const result = unique.flatMap((type) => byType.get(type)!).sort((a, b) => a.startIndex - b.startIndex || b.endIndex - a.endIndex);
  merged.set(key, result);
  return result.slice();
}

/** End offsets of the lists {@link nodesWithin} has searched, filled as needed (`endIndex` is a call into wasm). */
const endsCache = new WeakMap<readonly Node[], number[]>();

/**
 * The nodes of `sorted` (in document order, as {@link collect} returns them for a tree's root) that lie within
 * `scope`, by byte range and in the same order. A binary search over a whole-tree list gathered once replaces a
 * subtree walk per query, so asking once per function or per call site stays O(log n + k). Keep the list (collect
 * returns a fresh copy each time): the end offsets read from it are cached with it.
 */
export function nodesWithin(sorted: readonly Node[], scope: Node): Node[] {
  let ends = endsCache.get(sorted);
  if (!ends) {
    ends = [];
    endsCache.set(sorted, ends);
  }
  const start = scope.startIndex;
  const end = scope.endIndex;
  const first = partitionPoint(sorted.length, (index) => sorted[index].startIndex >= start);
  const result: Node[] = [];
  for (let index = first; index < sorted.length && sorted[index].startIndex <= end; index++) {
    // Ancestors of `scope` that start where it starts end after it; everything else starting inside lies inside.
    if ((ends[index] ??= sorted[index].endIndex) <= end) {
      result.push(sorted[index]);
    }
  }
  return result;
}

/** Native (C-side) search for nodes of the given types, `root` included, in document order. */
function descendants(root: Node, types: readonly string[]): Node[] {
  const known = knownTypes(root);
  const present = types.filter((type) => known.has(type));
  return present.length === 0 ? [] : root.descendantsOfType(present).filter((node): node is Node => node !== null);
}

/**
 * A set of byte ranges answering "does any range contain this node?" in O(log n): ranges sorted by start with a
 * running maximum of their ends; the last range starting at or before the node contains it iff that maximum reaches
 * the node's end. Handler and scope lookups use it instead of climbing parents.
 */
export class RangeSet {
  private readonly ranges: Array<readonly [number, number]> = [];
  private starts: number[] = [];
  private maxEnds: number[] = [];
  /** Ranges added since the last sort; checked one by one until there are enough of them to sort again. */
  private pending: Array<readonly [number, number]> = [];

  add(start: number, end: number): void {
    this.pending.push([start, end]);
  }

  get size(): number {
    return this.ranges.length + this.pending.length;
  }

  /** True when one of the ranges contains the whole of `node`. */
  contains(node: Node): boolean {
    if (this.pending.length > 32 || (this.pending.length > 0 && this.ranges.length === 0)) {
      // Sorting on every add would make "add, then ask" loops quadratic: sort only when enough ranges are pending.
      this.ranges.push(...this.pending);
      this.pending = [];
      this.ranges.sort((a, b) => a[0] - b[0]);
      this.starts = this.ranges.map((range) => range[0]);
      let max = -1;
      this.maxEnds = this.ranges.map((range) => (max = Math.max(max, range[1])));
    }
    if (this.ranges.length === 0) {
      return false;
    }
    const start = node.startIndex;
    let end: number | undefined;
    for (const [from, to] of this.pending) {
      if (from <= start && to >= (end ??= node.endIndex)) {
        return true;
      }
    }
    const starts = this.starts;
    const last = partitionPoint(starts.length, (index) => starts[index] > start) - 1;
    return last >= 0 && this.maxEnds[last] >= (end ?? node.endIndex);
  }
}

/** Named children, without the nulls the binding's signature allows. */
export function namedChildren(node: Node): Node[] {
  return node.namedChildren.filter((child): child is Node => child !== null);
}

/** True when `inner` lies within `outer` (by byte range; same tree). */
export function contains(outer: Node, inner: Node): boolean {
  return inner.startIndex >= outer.startIndex && inner.endIndex <= outer.endIndex;
}

/** The leading whitespace of the line that `offset` is on. */
export function indentationAt(text: string, offset: number): string {
  const lineStart = text.lastIndexOf('\n', offset - 1) + 1;
  const match = /^[ \t]*/.exec(text.slice(lineStart, Math.min(text.length, lineStart + 200)));
  return match ? match[0] : '';
}

/** Everything a detector says about one finding (text already translated); severity and title default to the rule's. */
export interface FindingSpec {
  readonly message: string;
  readonly note: string;
  readonly framework: string;
  readonly title?: string;
  readonly severity?: FindingSeverity;
  readonly fix?: Finding['fix'];
}

/** Builds a finding for `node` (or an explicit range) with the rule's defaults. */
export function makeFinding(rule: RuleId, at: Node | TextRange, spec: FindingSpec): Finding {
  const range = 'start' in at && 'end' in at && !('type' in at) ? at : rangeOf(at as Node);
  const finding: Finding = {
    rule,
    severity: spec.severity ?? RULES[rule].severity,
    message: spec.message,
    title: spec.title ?? ruleTitle(rule),
    range,
    note: spec.note,
    framework: spec.framework,
    ...(spec.fix ? { fix: spec.fix } : {}),
  };
  return finding;
}

/**
 * The functions that run while handling a request, connection or login, kept as byte ranges so "is this node in a
 * handler?" needs no parent walk. Shared by the per-language handler indexes.
 */
export class HandlerFunctions {
  private readonly ids = new Set<number>();
  private readonly functions: Node[] = [];
  private readonly ranges = new RangeSet();

  has(fn: Node): boolean {
    return this.ids.has(fn.id);
  }

  add(fn: Node): void {
    if (!this.ids.has(fn.id)) {
      this.ids.add(fn.id);
      this.functions.push(fn);
      this.ranges.add(fn.startIndex, fn.endIndex);
    }
  }

  contains(node: Node): boolean {
    return this.ranges.contains(node);
  }

  /**
   * Module-level helpers called from a handler run per request too: adds every function reachable from the handlers
   * through the given calls (each a call node and the function it calls), {@link HANDLER_CALL_DEPTH} calls deep.
   * `calls` must be in document order.
   */
  addCalledHelpers(calls: readonly { readonly node: Node; readonly target: Node }[]): void {
    if (calls.length === 0) {
      return;
    }
    const callNodes = calls.map((call) => call.node);
    const targetOf = new Map(calls.map((call) => [call.node.id, call.target]));
    const calleesOf = (fn: Node): Node[] => nodesWithin(callNodes, fn).map((call) => targetOf.get(call.id)!);
    for (const fn of reachableFrom(this.functions, calleesOf, HANDLER_CALL_DEPTH)) {
      this.add(fn);
    }
  }}
