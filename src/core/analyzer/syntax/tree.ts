// Language-neutral helpers over tree-sitter nodes. Every walk is iterative (a TreeCursor, never recursion), so a
// file with thousands of nested brackets cannot overflow the JavaScript stack.

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

/** All descendants (and `root` itself) of the given types, in document order. */
export function collect(root: Node, types: readonly string[]): Node[] {
  const found: Node[] = [];
  walk(root, (node) => {
    found.push(node);
  }, new Set(types));
  return found;
}

/** Named children, without the nulls the binding's signature allows. */
export function namedChildren(node: Node): Node[] {
  return node.namedChildren.filter((child): child is Node => child !== null);
}

/** The nearest ancestor (not `node` itself) of one of the given types. */
export function ancestorOfType(node: Node, types: ReadonlySet<string>): Node | undefined {
  for (let current = node.parent; current; current = current.parent) {
    if (types.has(current.type)) {
      return current;
    }
  }
  return undefined;
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
