// Terraform/OpenTofu HCL and Bicep syntax trees (tree-sitter grammars from @tree-sitter-grammars/tree-sitter-hcl and
// tree-sitter-bicep) → ConfigNode, so the affinity rules read them like YAML. A block or a resource becomes a mapping
// whose labels are the block labels (`resource "aws_lb_target_group" "web"`) or the Bicep resource type; an
// attribute whose value is not a literal (`var.x`, `"${…}"`, a function call, a conditional) becomes unknown.
// `dynamic` blocks are skipped: their content is generated from variables.

import type { Node } from '@vscode/tree-sitter-wasm';
import { rangeOf } from '../syntax/tree';
import { MAX_CONFIG_DEPTH, UNKNOWN, type ConfigEntry, type ConfigMap, type ConfigNode } from './configTree';

function named(node: Node): Node[] {
  return node.namedChildren.filter((child): child is Node => child !== null);
}

function unknownAt(node: Node): ConfigNode {
  return { kind: 'scalar', value: UNKNOWN, range: rangeOf(node) };
}

/** The `config_file` root of an HCL tree as one mapping. */
export function hclToConfig(root: Node): ConfigNode {
  const body = named(root).find((child) => child.type === 'body');
  return body ? hclBody(body, root, [], 0) : { kind: 'map', entries: [], range: rangeOf(root), labels: [] };
}

function hclBody(body: Node, owner: Node, labels: readonly string[], depth: number): ConfigMap {
  const entries: ConfigEntry[] = [];
  if (depth <= MAX_CONFIG_DEPTH) {
    for (const child of named(body)) {
      const [name] = named(child);
      if (!name || name.type !== 'identifier') continue;
      if (child.type === 'attribute') {
        const expression = named(child)[1];
        entries.push({ key: name.text, keyRange: rangeOf(name), value: expression ? hclExpression(expression, depth + 1) : unknownAt(child), range: rangeOf(child) });
      } else if (child.type === 'block' && name.text !== 'dynamic') {
        const blockLabels = named(child).slice(1).filter((label) => label.type === 'string_lit' || label.type === 'identifier').map((label) => label.type === 'string_lit' ? stringLiteral(label) ?? '' : label.text);
        const inner = named(child).find((part) => part.type === 'body');
        const value: ConfigMap = inner ? hclBody(inner, child, blockLabels, depth + 1) : { kind: 'map', entries: [], range: rangeOf(child), labels: blockLabels };
        entries.push({ key: name.text, keyRange: rangeOf(name), value, range: rangeOf(child) });
      }
    }
  }
  return { kind: 'map', entries, range: rangeOf(owner), labels };
}

/** The text of a string literal without interpolation, or undefined when it interpolates (`"${…}"`). */
function stringLiteral(node: Node): string | undefined {
  const parts = named(node).filter((part) => part.type !== 'quoted_template_start' && part.type !== 'quoted_template_end');
  return parts.every((part) => part.type === 'template_literal') ? parts.map((part) => part.text).join('') : undefined;
}

function hclExpression(expression: Node, depth: number): ConfigNode {
  const range = rangeOf(expression);
  const parts = named(expression);
  if (depth > MAX_CONFIG_DEPTH || parts.length !== 1) {
    return unknownAt(expression);
  }
  const [inner] = parts;
  if (inner.type === 'literal_value') {
    const [value] = named(inner);
    switch (value?.type) {
      case 'bool_lit':
        return { kind: 'scalar', value: value.text === 'true', range };
      case 'numeric_lit':
        return { kind: 'scalar', value: Number(value.text), range };
      case 'null_lit':
        return { kind: 'scalar', value: null, range };
      case 'string_lit': {
        const text = stringLiteral(value);
        return { kind: 'scalar', value: text ?? UNKNOWN, range };
      }
      default:
        return unknownAt(expression);
    }
  }
  if (inner.type === 'template_expr') {
    const quoted = named(inner)[0];
    const text = quoted?.type === 'quoted_template' ? stringLiteral(quoted) : undefined;
    return { kind: 'scalar', value: text ?? UNKNOWN, range };
  }
  if (inner.type === 'collection_value') {
    const [collection] = named(inner);
    if (collection?.type === 'object') {
      const entries: ConfigEntry[] = [];
      for (const element of named(collection).filter((part) => part.type === 'object_elem')) {
        const [keyExpression, valueExpression] = named(element);
        if (!keyExpression || !valueExpression) continue;
        const key = hclObjectKey(keyExpression);
        if (key !== undefined) {
          entries.push({ key, keyRange: rangeOf(keyExpression), value: hclExpression(valueExpression, depth + 1), range: rangeOf(element) });
        }
      }
      return { kind: 'map', entries, range, labels: [] };
    }
    if (collection?.type === 'tuple') {
      return { kind: 'seq', items: named(collection).filter((part) => part.type === 'expression').map((item) => hclExpression(item, depth + 1)), range };
    }
  }
  return unknownAt(expression);
}

/** An object key: a bare identifier (`enabled = …`) or a literal string (`"type" = …`). */
function hclObjectKey(expression: Node): string | undefined {
  const [inner] = named(expression);
  if (inner?.type === 'variable_expr' && named(expression).length === 1) {
    return inner.text;
  }
  if (inner?.type === 'literal_value' && named(inner)[0]?.type === 'string_lit') {
    return stringLiteral(named(inner)[0]);
  }
  return undefined;
}

/** The `infrastructure` root of a Bicep tree: each declaration holding an object becomes an entry. */
export function bicepToConfig(root: Node): ConfigNode {
  const entries: ConfigEntry[] = [];
  for (const declaration of named(root)) {
    const keyword = declaration.type.replace(/_declaration$/, '');
    const typeString = named(declaration).find((part) => part.type === 'string');
    const labels = typeString ? [bicepString(typeString) ?? ''] : [];
    const body = named(declaration).find((part) => part.type !== 'identifier' && part.type !== 'string' && part.type !== 'decorators' && part.type !== 'type');
    if (!body) continue;
    const value = bicepValue(body, 0, labels);
    if (value.kind !== 'scalar') {
      entries.push({ key: keyword, keyRange: rangeOf(declaration), value, range: rangeOf(declaration) });
    }
  }
  return { kind: 'map', entries, range: rangeOf(root), labels: [] };
}

function bicepString(node: Node): string | undefined {
  const parts = named(node);
  return parts.every((part) => part.type === 'string_content' || part.type === 'escape_sequence') ? parts.map((part) => part.text).join('') : undefined;
}

function bicepValue(node: Node, depth: number, labels: readonly string[] = []): ConfigNode {
  const range = rangeOf(node);
  if (depth > MAX_CONFIG_DEPTH) {
    return unknownAt(node);
  }
  switch (node.type) {
    case 'object': {
      const entries: ConfigEntry[] = [];
      for (const property of named(node).filter((part) => part.type === 'object_property')) {
        const [keyNode, valueNode] = named(property);
        if (!keyNode || !valueNode) continue;
        const key = keyNode.type === 'string' ? bicepString(keyNode) : keyNode.text;
        if (key !== undefined) {
          entries.push({ key, keyRange: rangeOf(keyNode), value: bicepValue(valueNode, depth + 1), range: rangeOf(property) });
        }
      }
      return { kind: 'map', entries, range, labels };
    }
    case 'array':
      return { kind: 'seq', items: named(node).filter((part) => part.type !== 'comment').map((item) => bicepValue(item, depth + 1)), range };
    case 'string': {
      const text = bicepString(node);
      return { kind: 'scalar', value: text ?? UNKNOWN, range };
    }
    case 'boolean':
      return { kind: 'scalar', value: node.text === 'true', range };
    case 'number':
      return { kind: 'scalar', value: Number(node.text), range };
    case 'null':
      return { kind: 'scalar', value: null, range };
    default: {
      // `if (…) { … }`, `[for … : { … }]`, parentheses: keep the objects inside, their literals are still literal.
      const objects = named(node).map((child) => bicepValue(child, depth + 1, labels)).filter((child) => child.kind !== 'scalar');
      return objects.length > 0 ? { kind: 'seq', items: objects, range } : unknownAt(node);
    }
  }
}
