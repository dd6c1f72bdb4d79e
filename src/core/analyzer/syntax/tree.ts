// Language-neutral helpers over tree-sitter nodes. Every walk is iterative (a TreeCursor, never recursion), so a
// file with thousands of nested brackets cannot overflow the JavaScript stack. Avoid `node.parent` in loops: the
// binding computes it by descending from the root (O(depth)), so ancestor chains are quadratic in deep trees;
// work top-down and compare byte ranges instead ({@link RangeSet}).

import type { Node } from '@vscode/tree-sitter-wasm';
import type { Finding, FindingSeverity, RuleId, TextRange } from '../types';
import { RULES } from '../rules';

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

/** Per-tree cache of nodes by type for whole-tree queries: detectors ask for the same types again and again. */
const byTypeCache = new WeakMap<object, Map<string, Node[]>>();
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

/**
 * All descendants (and `root` itself) of the given types, in document order. Queries on a tree's root node are
 * answered from a per-tree cache (filled by one walk per new type), so several detectors share the walks.
 */
export function collect(root: Node, types: readonly string[]): Node[] {
  const isTreeRoot = root.startIndex === 0 && root.id === root.tree.rootNode.id;
  if (!isTreeRoot) {
    return descendants(root, types);
  }
  let byType = byTypeCache.get(root.tree);
  if (!byType) {
    byType = new Map();
    byTypeCache.set(root.tree, byType);
  }
  const missing = [...new Set(types)].filter((type) => !byType.has(type));
  if (missing.length > 0) {
    missing.push(...preloadFor(root).filter((type) => !byType.has(type) && !missing.includes(type)));
    const buckets = new Map<string, Node[]>(missing.map((type) => [type, []]));
    for (const node of descendants(root, missing)) {
      buckets.get(node.type)?.push(node);
    }
    for (const [type, nodes] of buckets) {
      byType.set(type, nodes);
    }
  }
  const unique = [...new Set(types)];
  if (unique.length === 1) {
    return byType.get(unique[0])!.slice();
  }
  return unique.flatMap((type) => byType.get(type)!).sort((a, b) => a.startIndex - b.startIndex || b.endIndex - a.endIndex);
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
  let low = 0;
  let high = sorted.length;
  while (low < high) {
    const middle = (low + high) >> 1;
    if (sorted[middle].startIndex < start) {
      low = middle + 1;
    } else {
      high = middle;
    }
  }
  const result: Node[] = [];
  for (let index = low; index < sorted.length && sorted[index].startIndex <= end; index++) {
    // Ancestors of `scope` that start where it starts end after it; everything else starting inside lies inside.
    if ((ends[index] ??= sorted[index].endIndex) <= end) {
      result.push(sorted[index]);
    }
  }
  return result;
}

/** Native (C-side) search for nodes of the given types, `root` included, in document order. */
function descendants(root: Node, types: readonly string[]): Node[] {
  return root.descendantsOfType([...types]).filter((node): node is Node => node !== null);
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
  private sorted = true;

  add(start: number, end: number): void {
    this.ranges.push([start, end]);
    this.sorted = false;
  }

  get size(): number {
    return this.ranges.length;
  }

  /** True when one of the ranges contains the whole of `node`. */
  contains(node: Node): boolean {
    if (this.ranges.length === 0) {
      return false;
    }
    if (!this.sorted) {
      this.ranges.sort((a, b) => a[0] - b[0]);
      this.starts = this.ranges.map((range) => range[0]);
      let max = -1;
      this.maxEnds = this.ranges.map((range) => (max = Math.max(max, range[1])));
      this.sorted = true;
    }
    let low = 0;
    let high = this.starts.length - 1;
    let last = -1;
    while (low <= high) {
      const middle = (low + high) >> 1;
      if (this.starts[middle] <= node.startIndex) {
        last = middle;
        low = middle + 1;
      } else {
        high = middle - 1;
      }
    }
    return last >= 0 && this.maxEnds[last] >= node.endIndex;
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

/** Everything a detector says about one finding; severity and title default to the rule's. */
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
    title: spec.title ?? RULES[rule].title,
    range,
    note: spec.note,
    framework: spec.framework,
    ...(spec.fix ? { fix: spec.fix } : {}),
  };
  return finding;
}
