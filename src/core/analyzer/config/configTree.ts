// One shape for every structured configuration format (YAML, JSON, HCL, Bicep), so the affinity rules are written
// once. Each format's reader maps its own syntax to these nodes: a mapping keeps its keys with their ranges, a scalar
// keeps its literal value, and anything the reader cannot evaluate statically (a template, `${var.x}`, a function
// call, an alias) becomes an `unknown` scalar, which every rule treats as "say nothing".

import type { Position, TextRange } from '../types';

/** A literal value, or `unknown` for an expression whose value only exists at deploy time. */
export type ScalarValue = string | number | boolean | null | { readonly unknown: true };

export interface ConfigScalar {
  readonly kind: 'scalar';
  readonly value: ScalarValue;
  readonly range: TextRange;
}

export interface ConfigEntry {
  readonly key: string;
  readonly keyRange: TextRange;
  readonly value: ConfigNode;
  /** The whole `key: value` (or HCL block) text, for fixes that delete the entry. */
  readonly range: TextRange;
}

export interface ConfigMap {
  readonly kind: 'map';
  readonly entries: readonly ConfigEntry[];
  readonly range: TextRange;
  /** HCL block labels (`resource "aws_lb_target_group" "x"` → ["aws_lb_target_group", "x"]); empty elsewhere. */
  readonly labels: readonly string[];
}

export interface ConfigSeq {
  readonly kind: 'seq';
  readonly items: readonly ConfigNode[];
  readonly range: TextRange;
}

export type ConfigNode = ConfigScalar | ConfigMap | ConfigSeq;

/** The readers' output: the documents of one file (YAML may hold several) and the problems met while reading. */
export interface ConfigDocuments {
  readonly documents: readonly ConfigNode[];
  /** Human-readable problems (syntax errors, limits hit); reading continues past them where it can. */
  readonly problems: readonly string[];
}

/** Nesting deeper than this is not walked (hostile or generated input); real manifests stay under 30 levels. */
export const MAX_CONFIG_DEPTH = 64;

export const UNKNOWN: { readonly unknown: true } = Object.freeze({ unknown: true as const });

export function isUnknown(value: ScalarValue): value is { readonly unknown: true } {
  return typeof value === 'object' && value !== null;
}

/** Looks up `key` in a mapping (first match; YAML/HCL may repeat keys and the first is what tools read). */
export function entry(node: ConfigNode | undefined, key: string): ConfigEntry | undefined {
  return node?.kind === 'map' ? node.entries.find((candidate) => candidate.key === key) : undefined;
}

/** Follows a path of mapping keys. */
export function at(node: ConfigNode | undefined, ...path: readonly string[]): ConfigNode | undefined {
  let current = node;
  for (const key of path) {
    current = entry(current, key)?.value;
  }
  return current;
}

/** The literal value of a scalar node, or undefined for a mapping, a sequence, a missing node or an unknown value. */
export function literal(node: ConfigNode | undefined): string | number | boolean | null | undefined {
  if (node?.kind !== 'scalar' || isUnknown(node.value)) {
    return undefined;
  }
  return node.value;
}

/** A scalar's literal as lower-case text (booleans and numbers too), for comparisons like "true" vs true. */
export function literalText(node: ConfigNode | undefined): string | undefined {
  const value = literal(node);
  return value === undefined || value === null ? undefined : String(value).toLowerCase();
}

/** Visits every mapping entry depth-first with its ancestors' keys (nearest last); stops at MAX_CONFIG_DEPTH. */
export function walkEntries(root: ConfigNode, visit: (entry: ConfigEntry, parent: ConfigMap, path: readonly string[]) => void): void {
  const path: string[] = [];
  const walk = (node: ConfigNode, depth: number): void => {
    if (depth > MAX_CONFIG_DEPTH) {
      return;
    }
    if (node.kind === 'map') {
      for (const child of node.entries) {
        visit(child, node, path);
        path.push(child.key);
        walk(child.value, depth + 1);
        path.pop();
      }
    } else if (node.kind === 'seq') {
      for (const item of node.items) {
        walk(item, depth + 1);
      }
    }
  };
  walk(root, 0);
}

/** Converts string offsets (UTF-16 code units) to 0-based line/character positions, with lines split at '\n'. */
export class LineIndex {
  private readonly starts: number[] = [0];

  constructor(text: string) {
    for (let index = text.indexOf('\n'); index >= 0; index = text.indexOf('\n', index + 1)) {
      this.starts.push(index + 1);
    }
  }

  position(offset: number): Position {
    let low = 0;
    let high = this.starts.length - 1;
    while (low < high) {
      const middle = (low + high + 1) >> 1;
      if (this.starts[middle] <= offset) {
        low = middle;
      } else {
        high = middle - 1;
      }
    }
    return { line: low, character: offset - this.starts[low] };
  }

  range(start: number, end: number): TextRange {
    return { start: this.position(start), end: this.position(end) };
  }

  /** Offset of the start of a line (the line count when past the end). */
  lineStart(line: number): number {
    return line < this.starts.length ? this.starts[line] : Number.MAX_SAFE_INTEGER;
  }

  get lineCount(): number {
    return this.starts.length;
  }
}
