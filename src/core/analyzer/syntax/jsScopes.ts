// Local names and shadowing in JavaScript / TypeScript: which names a function's parameters, a block, a catch clause
// or a loop declare, and whether a use of a name refers to the module-level declaration. Like the handler index, it
// works from cached node lists and byte ranges, never by climbing parents (see tree.ts).

import type { Node } from '@vscode/tree-sitter-wasm';
import { collect, namedChildren, namedTypesOf, RangeSet } from './tree';

/** Function-like node types of the JavaScript, TypeScript and TSX grammars. */
export const JS_FUNCTION_TYPES: readonly string[] = [
  'arrow_function', 'function_expression', 'function', 'function_declaration', 'generator_function',
  'generator_function_declaration', 'method_definition',
];
const FUNCTION_TYPE_SET = new Set(JS_FUNCTION_TYPES);

/** True for function-like nodes (declarations, expressions, arrows and methods). */
export function isFunctionNode(node: Node | null | undefined): boolean {
  return node !== null && node !== undefined && FUNCTION_TYPE_SET.has(node.type);
}

/** The identifiers a function's parameters bind (patterns included, default values excluded). */
export function parameterNames(fn: Node): string[] {
  const single = fn.childForFieldName('parameter');
  if (single) {
    return [single.text];
  }
  const parameters = fn.childForFieldName('parameters');
  return parameters ? patternNames(namedChildren(parameters)) : [];
}

/** Names bound by binding patterns (identifiers, destructuring, rest, defaults' left sides, TS parameters). */
export function patternNames(patterns: Node[]): string[] {
  const names: string[] = [];
  const pending = [...patterns];
  while (pending.length > 0) {
    const node = pending.pop()!;
    switch (node.type) {
      case 'identifier':
      case 'shorthand_property_identifier_pattern':
        names.push(node.text);
        break;
      case 'required_parameter':
      case 'optional_parameter': {
        const pattern = node.childForFieldName('pattern');
        if (pattern) {
          pending.push(pattern);
        }
        break;
      }
      case 'assignment_pattern': {
        const left = node.childForFieldName('left');
        if (left) {
          pending.push(left);
        }
        break;
      }
      case 'pair_pattern': {
        const value = node.childForFieldName('value');
        if (value) {
          pending.push(value);
        }
        break;
      }
      case 'object_pattern':
      case 'array_pattern':
      case 'rest_pattern':
        pending.push(...namedChildren(node));
        break;
      default:
        break;
    }
  }
  return names;
}
/**
 * Answers "does this use of a name refer to something declared between it and the module scope?" (a parameter, or
 * a variable/function/class declared in an enclosing block, catch clause or loop). Built per name on first use, and
 * only from the places the name is written: a scope can only declare `name` where the text holds `name`, so each
 * occurrence that is an identifier-like token is located (one native lookup) and only the scopes around it are
 * examined. Files with thousands of functions and blocks then cost a few lookups per name asked, not a pass over
 * every scope.
 */
export class JsScopes {
  private readonly byName = new Map<string, RangeSet>();

  /** `text` is the whole text the tree was parsed from. */
  constructor(
    private readonly root: Node,
    private readonly text: string,
  ) {}

  /** True when `name` at `node` is NOT the module-level declaration of that name. */
  isShadowed(node: Node, name: string): boolean {
    let ranges = this.byName.get(name);
    if (!ranges) {
      ranges = name.length === 0 ? this.scopesDeclaringEverywhere(name) : this.scopesDeclaring(name);
      this.byName.set(name, ranges);
    }
    return ranges.contains(node);
  }

  /** The scopes declaring `name`, found from its occurrences in the text. */
  private scopesDeclaring(name: string): RangeSet {
    const ranges = new RangeSet();
    const examined = new Set<number>();
    const from = this.root.startIndex;
    const to = this.root.endIndex;
    let next = from;
    for (let at = this.text.indexOf(name, next); at >= 0 && at + name.length <= to; at = this.text.indexOf(name, next)) {
      next = at + 1;
      // A declared name is a whole token spelled `name`: the smallest node spanning the occurrence is that token.
      const token = this.root.descendantForIndex(at, at + name.length);
      if (!token) {
        continue;
      }
      const type = token.type;
      if (LEAF_TEXT_TOKENS.has(type)) {
        // Text in a string, comment or regex: every later occurrence inside the same token is skipped with it.
        next = Math.max(next, token.endIndex);
        continue;
      }
      if (token.startIndex !== at || NEVER_DECLARED_TOKENS.has(type) || token.endIndex !== at + name.length) {
        continue;
      }
      // Most occurrences are uses (`sessions.set(...)`): only a token in a declaring position can be a declared name.
      const parentType = token.parent?.type;
      if (parentType === undefined || !DECLARING_PARENTS.has(parentType)) {
        continue;
      }
      for (const scope of scopesAround(this.root, token)) {
        if (!examined.has(scope.id)) {
          examined.add(scope.id);
          if (namesDeclaredIn(scope).includes(name)) {
            ranges.add(scope.startIndex, scope.endIndex);
          }
        }
      }
    }
    return ranges;
  }

  /** The scopes declaring `name` by examining every scope of the file (for the empty name of a missing node). */
  private scopesDeclaringEverywhere(name: string): RangeSet {
    const ranges = new RangeSet();
    const scopes = collect(this.root, [...namedTypesOf(this.root, JS_FUNCTION_TYPES), ...BLOCK_SCOPE_TYPES]);
    for (const scope of scopes) {
      if (namesDeclaredIn(scope).includes(name)) {
        ranges.add(scope.startIndex, scope.endIndex);
      }
    }
    return ranges;
  }
}

/** Tokens that are never a declared name (property keys and accesses, labels). */
const NEVER_DECLARED_TOKENS = new Set(['property_identifier', 'private_property_identifier', 'statement_identifier']);
/**
 * The parents a declared name can have, from what namesDeclaredIn reads: a declarator's name, a parameter list, a
 * catch or for-in binding, the pattern nodes patternNames descends through, an arrow function's single parameter,
 * and the name of a function, generator or class declaration.
 */
const DECLARING_PARENTS = new Set([
  'variable_declarator', 'formal_parameters', 'catch_clause', 'for_in_statement', 'required_parameter', 'optional_parameter',
  'assignment_pattern', 'pair_pattern', 'object_pattern', 'array_pattern', 'rest_pattern', 'arrow_function',
  'function_declaration', 'generator_function_declaration', 'class_declaration',
]);
/** Leaf tokens holding free text (never a declared name either). */
const LEAF_TEXT_TOKENS = new Set(['string_fragment', 'comment', 'regex_pattern']);
/** Node types that open a scope besides functions. */
const BLOCK_SCOPE_TYPES = ['statement_block', 'switch_body', 'switch_case', 'catch_clause', 'for_in_statement', 'for_statement'];
const SCOPE_TYPE_SET = new Set([...JS_FUNCTION_TYPES, ...BLOCK_SCOPE_TYPES]);

/** The scope nodes (functions, blocks, catch clauses, loops) around `token`, outermost first. */
function scopesAround(root: Node, token: Node): Node[] {
  const scopes: Node[] = [];
  // Descends from the root to the token, one native child lookup per level (O(depth), no parent climbing).
  let current: Node | null = root;
  for (let guard = 0; current && current.id !== token.id && guard < 100_000; guard++) {
    if (SCOPE_TYPE_SET.has(current.type)) {
      scopes.push(current);
    }
    const next: Node | null = current.childWithDescendant(token);
    current = next && next.id !== current.id ? next : null;
  }
  return scopes;
}

/** The names a scope node declares for its whole range. */
function namesDeclaredIn(scope: Node): string[] {
  const type = scope.type;
  if (FUNCTION_TYPE_SET.has(type)) {
    return parameterNames(scope);
  }
  if (type === 'statement_block' || type === 'switch_body' || type === 'switch_case') {
    return namedChildren(scope).flatMap(declaredNames);
  }
  if (type === 'catch_clause') {
    const parameter = scope.childForFieldName('parameter');
    return parameter ? patternNames([parameter]) : [];
  }
  if (type === 'for_in_statement' || type === 'for_statement') {
    const left = scope.childForFieldName('left') ?? scope.childForFieldName('initializer');
    if (left?.type === 'lexical_declaration' || left?.type === 'variable_declaration') {
      return declaredNames(left);
    }
    if (left && scope.childForFieldName('kind') !== null) {
      return patternNames([left]);
    }
  }
  return [];
}

/** The names a statement declares in its block. */
export function declaredNames(statement: Node): string[] {
  if (statement.type === 'lexical_declaration' || statement.type === 'variable_declaration') {
    return namedChildren(statement).flatMap((declarator) => {
      const declared = declarator.type === 'variable_declarator' ? declarator.childForFieldName('name') : null;
      return declared ? patternNames([declared]) : [];
    });
  }
  if (statement.type === 'function_declaration' || statement.type === 'class_declaration' || statement.type === 'generator_function_declaration') {
    const name = statement.childForFieldName('name');
    return name ? [name.text] : [];
  }
  return [];
}
