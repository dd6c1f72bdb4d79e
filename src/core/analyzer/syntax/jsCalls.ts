// The call index of a JavaScript / TypeScript file: every call expression with its callee taken apart, read once
// per tree and shared by all JS detectors (most calls are only filtered by name, so their parts are read lazily).

import type { Node } from '@vscode/tree-sitter-wasm';
import { collect, namedChildren, perTree } from './tree';

/** One call expression with its callee taken apart, so detectors filter calls without touching the tree again. */
export interface CallInfo {
  readonly node: Node;
  /** The callee expression (`app.get`, `session`, `require('x')`), if any. */
  readonly callee: Node | undefined;
  /** The callee's node type: 'identifier', 'member_expression', 'call_expression', 'import', ... */
  readonly calleeType: string;
  /** `f` for `f(...)`, `m` for `x.m(...)`, '' otherwise. */
  readonly name: string;
  /** `x` for `x.m(...)` when `x` is an identifier (or `this`), '' otherwise. */
  readonly objectName: string;
}

/**
 * A call with its callee's type and name. The callee node and the object name of `x.m(...)` are read on first use:
 * most calls are only filtered by name, so their parts never become JavaScript objects.
 */
class CallEntry implements CallInfo {
  private calleeNode: Node | null | undefined = undefined;
  private object: string | undefined;

  constructor(
    readonly node: Node,
    readonly calleeType: string,
    readonly name: string,
  ) {}

  get callee(): Node | undefined {
    if (this.calleeNode === undefined) {
      this.calleeNode = this.node.childForFieldName('function');
    }
    return this.calleeNode ?? undefined;
  }

  get objectName(): string {
    if (this.object === undefined) {
      const object = this.calleeType === 'member_expression' ? this.callee?.childForFieldName('object') : undefined;
      const type = object?.type;
      this.object = object && (type === 'identifier' || type === 'this') ? object.text : '';
    }
    return this.object;
  }
}

const callsOf = perTree((tree): readonly CallInfo[] => readCalls(tree.rootNode, collect(tree.rootNode, ['call_expression'])));

/** Every call expression of the file with its callee parts (computed once per tree, shared by all JS detectors). */
export function callIndex(root: Node): readonly CallInfo[] {
  return callsOf(root.tree);
}

/**
 * Reads each call's callee type and name (field ids resolved once, names sliced from the text): the same values as
 * `childForFieldName('function')`, `.type` and `.text`, without keeping the callee nodes.
 */
function readCalls(root: Node, nodes: readonly Node[]): CallEntry[] {
  const language = root.tree.language;
  const functionField = language.fieldIdForName('function');
  const propertyField = language.fieldIdForName('property');
  if (functionField === null || propertyField === null) {
    return nodes.map(callFromFields);
  }
  const text = root.text;
  const offset = root.startIndex;
  return nodes.map((node) => {
    const callee = node.childForFieldId(functionField);
    const calleeType = callee?.type ?? '';
    if (calleeType === 'identifier') {
      return new CallEntry(node, calleeType, text.slice(callee!.startIndex - offset, callee!.endIndex - offset));
    }
    if (calleeType === 'member_expression') {
      const property = callee!.childForFieldId(propertyField);
      return new CallEntry(node, calleeType, property ? text.slice(property.startIndex - offset, property.endIndex - offset) : '');
    }
    return new CallEntry(node, calleeType, '');
  });
}

function callFromFields(node: Node): CallEntry {
  const callee = node.childForFieldName('function') ?? undefined;
  const calleeType = callee?.type ?? '';
  if (calleeType === 'identifier') {
    return new CallEntry(node, calleeType, callee!.text);
  }
  if (calleeType === 'member_expression') {
    return new CallEntry(node, calleeType, callee!.childForFieldName('property')?.text ?? '');
  }
  return new CallEntry(node, calleeType, '');
}

/** The arguments of a call or `new` expression (without the nulls). */
export function callArguments(call: Node): Node[] {
  const args = call.childForFieldName('arguments');
  return args ? namedChildren(args).filter((child) => child.type !== 'comment') : [];
}
