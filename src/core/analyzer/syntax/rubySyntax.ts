// Ruby helpers over tree-sitter trees: Rails `config.*` calls and assignments, and literal symbols.

import type { Node } from '@vscode/tree-sitter-wasm';
import { collect, namedChildren } from './tree';

/** True when a call's receiver is a Rails config object: `config`, `Rails.application.config`, `app.config`. */
export function rubyIsConfigReceiver(receiver: Node | null): boolean {
  if (!receiver) {
    return false;
  }
  if (receiver.type === 'identifier') {
    return receiver.text === 'config';
  }
  return receiver.type === 'call' && receiver.childForFieldName('method')?.text === 'config';
}

/** Calls `<config>.<method> ...` anywhere in the file. */
export function rubyConfigCalls(root: Node, method: string): Node[] {
  return collect(root, ['call']).filter(
    (call) => call.childForFieldName('method')?.text === method && rubyIsConfigReceiver(call.childForFieldName('receiver')),
  );
}

/** The right-hand sides of `<config>.<setting> = value` assignments anywhere in the file. */
export function rubyConfigAssignments(root: Node, setting: string): Node[] {
  const values: Node[] = [];
  for (const assignment of collect(root, ['assignment'])) {
    const left = assignment.childForFieldName('left');
    const right = assignment.childForFieldName('right');
    if (left?.type === 'call' && left.childForFieldName('method')?.text === setting && rubyIsConfigReceiver(left.childForFieldName('receiver')) && right) {
      values.push(right);
    }
  }
  return values;
}

/** The positional arguments of a call (hash pairs and block arguments excluded). */
export function rubyPositionalArguments(call: Node): Node[] {
  const list = call.childForFieldName('arguments');
  return list ? namedChildren(list).filter((argument) => argument.type !== 'pair' && argument.type !== 'block_argument' && argument.type !== 'comment') : [];
}

/** The name of a simple symbol (`:cache_store` → "cache_store"), else undefined. */
export function rubySymbolName(node: Node | null | undefined): string | undefined {
  return node?.type === 'simple_symbol' ? node.text.slice(1) : undefined;
}

/** The first value of an assignment's right side (`= :file_store, "/path"` → the `:file_store` node). */
export function rubyFirstValue(right: Node): Node | undefined {
  return right.type === 'right_assignment_list' ? namedChildren(right)[0] : right;
}
