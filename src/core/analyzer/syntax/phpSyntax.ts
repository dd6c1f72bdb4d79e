// PHP helpers over tree-sitter trees: literal strings, function calls and returned configuration arrays.

import type { Node } from '@vscode/tree-sitter-wasm';
import { namedChildren } from './tree';

/** The value of a string literal without interpolation (`'x'`, `"x"`), else undefined. Escapes are kept verbatim. */
export function phpStringValue(node: Node | null | undefined): string | undefined {
  if (!node || (node.type !== 'string' && node.type !== 'encapsed_string')) {
    return undefined;
  }
  const parts = namedChildren(node);
  if (parts.some((part) => part.type !== 'string_content' && part.type !== 'escape_sequence')) {
    return undefined;
  }
  return parts.map((part) => part.text).join('');
}

/** The called function's name without a leading namespace separator (`\ini_set(...)` → "ini_set"). */
export function phpFunctionName(call: Node): string | undefined {
  const callee = call.childForFieldName('function');
  return callee && (callee.type === 'name' || callee.type === 'qualified_name') ? callee.text.replace(/^\\/, '') : undefined;
}

/** The argument expressions of a call, in order (named arguments keep only their value). */
export function phpArguments(call: Node): Node[] {
  const list = call.childForFieldName('arguments');
  if (!list) {
    return [];
  }
  return namedChildren(list)
    .filter((argument) => argument.type === 'argument')
    .map((argument) => namedChildren(argument).filter((child) => child.type !== 'name').pop() ?? namedChildren(argument)[0])
    .filter((value): value is Node => value !== undefined);
}

/** A keyed array element: the key's string value, the key node and the value node. */
export interface PhpArrayEntry {
  readonly key: string;
  readonly element: Node;
  readonly value: Node;
}

/** The string-keyed entries of an array literal (`['driver' => 'file', ...]`), in order. */
export function phpArrayEntries(array: Node): PhpArrayEntry[] {
  const entries: PhpArrayEntry[] = [];
  for (const element of namedChildren(array)) {
    if (element.type !== 'array_element_initializer') {
      continue;
    }
    const parts = namedChildren(element).filter((child) => child.type !== 'comment');
    const key = phpStringValue(parts[0]);
    if (parts.length === 2 && key !== undefined) {
      entries.push({ key, element, value: parts[1] });
    }
  }
  return entries;
}

/** The arrays a file returns at top level (`return [...];`), as Laravel config files do. */
export function phpReturnedArrays(root: Node): Node[] {
  return namedChildren(root)
    .filter((statement) => statement.type === 'return_statement')
    .map((statement) => namedChildren(statement)[0])
    .filter((value): value is Node => value !== undefined && value.type === 'array_creation_expression');
}
