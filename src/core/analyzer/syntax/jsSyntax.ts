// JavaScript / TypeScript / TSX helpers over tree-sitter trees: imports and requires, "is this a server file",
// object literals, and value resolution. The call index lives in jsCalls.ts; handler and scope recognition in
// jsHandlers.ts and jsScopes.ts.

import type { Node } from '@vscode/tree-sitter-wasm';
import { isServerModuleOf } from '../languages';
import type { AnalyzerLanguage } from '../types';
import { callArguments, callIndex } from './jsCalls';
import { collect, namedChildren, partitionPoint, perTree } from './tree';

/** The languages the JS/TS detectors run on (the JSX-aware JavaScript grammar covers .jsx). */
export const JS_LANGUAGES: readonly AnalyzerLanguage[] = ['javascript', 'typescript', 'tsx'];

/** How a local name is bound to a module: `import x from` (default), `import * as x` (*), `x = require()` (module),
 * `x = require()(...)` or `x = imported(...)` (factory), or a named export (`{ Server }`). */
export interface ImportBinding {
  readonly local: string;
  readonly source: string;
  readonly imported: string;
}

/** What the JS detectors need to know about a module before looking for constructs. */
export interface JsModuleInfo {
  readonly bindings: readonly ImportBinding[];
  /** Every module specifier imported, required or re-exported, `node:` prefix removed. */
  readonly sources: ReadonlySet<string>;
  /** The last top-level import or require statement: generated imports go after it. */
  readonly lastImport: Node | undefined;
  /** True when the file uses `import` statements (generated code follows the file's style). */
  readonly usesEsm: boolean;
  /** True when the file imports an HTTP/WebSocket server framework (or calls Bun.serve / Deno.serve). */
  readonly isServer: boolean;
  /** True for a `"use client"` module (React Server Components): it runs in the browser. */
  readonly isClient: boolean;
}

/** True when a module specifier names a server framework (so module-level state in the file is server state). */
export function isServerModule(source: string): boolean {
  return isServerModuleOf('javascript', source);
}

/** The value of a plain string literal (or a template without substitutions); undefined for anything else. */
export function stringValue(node: Node | null | undefined): string | undefined {
  if (!node) {
    return undefined;
  }
  if (node.type === 'string') {
    return node.text.slice(1, -1);
  }
  if (node.type === 'template_string' && !namedChildren(node).some((child) => child.type === 'template_substitution')) {
    return node.text.slice(1, -1);
  }
  return undefined;
}

/** The module specifier of `require('x')` (also `require("node:x")` → "x"), else undefined. */
export function requireSource(node: Node | null | undefined): string | undefined {
  if (!node || node.type !== 'call_expression') {
    return undefined;
  }
  const callee = node.childForFieldName('function');
  if (!callee || callee.type !== 'identifier' || callee.text !== 'require') {
    return undefined;
  }
  const args = node.childForFieldName('arguments');
  const first = args ? namedChildren(args)[0] : undefined;
  const source = stringValue(first);
  return source === undefined ? undefined : stripNodePrefix(source);
}

function stripNodePrefix(source: string): string {
  return source.startsWith('node:') ? source.slice(5) : source;
}

/** Removes wrappers that do not change a value: parentheses, `as T` (but not `as const`), `satisfies`, `!`, `await`. */
export function unwrapExpression(node: Node | null | undefined): Node | undefined {
  let current = node ?? undefined;
  for (let guard = 0; current && guard < 50; guard++) {
    // `type` is a call into wasm: read it once per step.
    const type = current.type;
    if (type === 'parenthesized_expression' || type === 'non_null_expression' || type === 'satisfies_expression' || type === 'await_expression') {
      current = namedChildren(current)[0];
    } else if (type === 'as_expression') {
      const children = namedChildren(current);
      if (current.text.trimEnd().endsWith('as const')) {
        return current;
      }
      current = children[0];
    } else {
      return current;
    }
  }
  return current;
}

const moduleInfoOf = perTree((tree) => computeModuleInfo(tree.rootNode));

/** Collects imports, requires and the file-level facts detectors gate on (computed once per tree). */
export function analyzeJsModule(root: Node): JsModuleInfo {
  return moduleInfoOf(root.tree);
}

function computeModuleInfo(root: Node): JsModuleInfo {
  const bindings: ImportBinding[] = [];
  const sources = new Set<string>();
  let lastImport: Node | undefined;
  let usesEsm = false;
  let isServer = false;
  const calls = callIndex(root);
  // Where require() calls start: a declaration or declarator without one cannot bind a module.
  const requireStarts = calls.filter((call) => call.calleeType === 'identifier' && call.name === 'require').map((call) => call.node.startIndex);

  for (const statement of namedChildren(root)) {
    // `type` is a call into wasm: read it once per statement.
    const type = statement.type;
    if (type === 'import_statement') {
      usesEsm = true;
      lastImport = statement;
      addImportStatement(statement, bindings, sources);
    } else if ((type === 'lexical_declaration' || type === 'variable_declaration') && startsWithin(requireStarts, statement) && isRequireDeclaration(statement)) {
      lastImport = statement;
    } else if (type === 'export_statement') {
      const source = stringValue(statement.childForFieldName('source'));
      if (source !== undefined) {
        sources.add(stripNodePrefix(source));
      }
    }
  }

  // Requires and dynamic imports can appear anywhere (inside a createApp() function, for instance).
  for (const call of callIndex(root)) {
    if ((call.calleeType === 'identifier' && call.name === 'require') || call.calleeType === 'import') {
      const first = callArguments(call.node)[0];
      const source = stringValue(first);
      if (source !== undefined) {
        sources.add(stripNodePrefix(source));
      }
    } else if (call.name === 'serve' && (call.objectName === 'Bun' || call.objectName === 'Deno')) {
      isServer = true;
    }
  }
  // A declarator binds a module only when a require() call starts inside it: the others are skipped unread.
  for (const declarator of requireStarts.length === 0 ? [] : collect(root, ['variable_declarator'])) {
    if (startsWithin(requireStarts, declarator)) {
      addRequireBinding(declarator, bindings);
    }
  }

  // `const MemoryStore = createMemoryStore(session)` binds the factory's product to the factory's module.
  const byLocal = new Map(bindings.map((binding) => [binding.local, binding]));
  const factoryStarts = calls
    .filter((call) => {
      const binding = call.calleeType === 'identifier' ? byLocal.get(call.name) : undefined;
      return binding !== undefined && (binding.imported === 'default' || binding.imported === 'module');
    })
    .map((call) => call.node.startIndex);
  for (const declarator of factoryStarts.length === 0 ? [] : collect(root, ['variable_declarator'])) {
    if (!startsWithin(factoryStarts, declarator)) {
      continue;
    }
    const name = declarator.childForFieldName('name');
    const value = unwrapExpression(declarator.childForFieldName('value'));
    if (name?.type !== 'identifier' || value?.type !== 'call_expression') {
      continue;
    }
    const callee = value.childForFieldName('function');
    const binding = callee?.type === 'identifier' ? byLocal.get(callee.text) : undefined;
    if (binding && (binding.imported === 'default' || binding.imported === 'module')) {
      bindings.push({ local: name.text, source: binding.source, imported: 'factory' });
    }
  }

  for (const source of sources) {
    if (isServerModule(source)) {
      isServer = true;
    }
  }
  return { bindings, sources, lastImport, usesEsm, isServer, isClient: hasUseClientDirective(root) };
}

/** True when one of `sorted` (ascending offsets) lies in the node's range (reads `endIndex` only when needed). */
export function startsWithin(sorted: readonly number[], node: Node): boolean {
  const start = node.startIndex;
  const first = partitionPoint(sorted.length, (index) => sorted[index] >= start);
  return first < sorted.length && sorted[first] < node.endIndex;
}

function addImportStatement(statement: Node, bindings: ImportBinding[], sources: Set<string>): void {
  const requireClause = namedChildren(statement).find((child) => child.type === 'import_require_clause');
  if (requireClause) {
    const local = namedChildren(requireClause).find((child) => child.type === 'identifier');
    const source = stringValue(requireClause.childForFieldName('source'));
    if (source !== undefined) {
      sources.add(stripNodePrefix(source));
      if (local) {
        bindings.push({ local: local.text, source: stripNodePrefix(source), imported: 'module' });
      }
    }
    return;
  }
  const rawSource = stringValue(statement.childForFieldName('source'));
  if (rawSource === undefined) {
    return;
  }
  const source = stripNodePrefix(rawSource);
  sources.add(source);
  const clause = namedChildren(statement).find((child) => child.type === 'import_clause');
  if (!clause) {
    return;
  }
  for (const part of namedChildren(clause)) {
    if (part.type === 'identifier') {
      bindings.push({ local: part.text, source, imported: 'default' });
    } else if (part.type === 'namespace_import') {
      const local = namedChildren(part).find((child) => child.type === 'identifier');
      if (local) {
        bindings.push({ local: local.text, source, imported: '*' });
      }
    } else if (part.type === 'named_imports') {
      for (const specifier of namedChildren(part)) {
        if (specifier.type !== 'import_specifier') {
          continue;
        }
        const name = specifier.childForFieldName('name');
        const alias = specifier.childForFieldName('alias');
        if (name) {
          bindings.push({ local: (alias ?? name).text, source, imported: name.text });
        }
      }
    }
  }
}

function isRequireDeclaration(statement: Node): boolean {
  const declarators = namedChildren(statement).filter((child) => child.type === 'variable_declarator');
  return declarators.length > 0 && declarators.every((declarator) => requireRoot(declarator.childForFieldName('value')) !== undefined);
}

/** `require('x')`, `require('x').y` or `require('x')(...)`: the module specifier; else undefined. */
function requireRoot(value: Node | null): string | undefined {
  const node = unwrapExpression(value);
  if (!node) {
    return undefined;
  }
  if (node.type === 'member_expression') {
    return requireSource(node.childForFieldName('object'));
  }
  if (node.type === 'call_expression') {
    return requireSource(node) ?? requireSource(node.childForFieldName('function'));
  }
  return undefined;
}

function addRequireBinding(declarator: Node, bindings: ImportBinding[]): void {
  const name = declarator.childForFieldName('name');
  const value = unwrapExpression(declarator.childForFieldName('value'));
  if (!name || !value) {
    return;
  }
  const direct = requireSource(value);
  if (direct !== undefined) {
    if (name.type === 'identifier') {
      bindings.push({ local: name.text, source: direct, imported: 'module' });
    } else if (name.type === 'object_pattern') {
      for (const part of namedChildren(name)) {
        if (part.type === 'shorthand_property_identifier_pattern') {
          bindings.push({ local: part.text, source: direct, imported: part.text });
        } else if (part.type === 'pair_pattern') {
          const key = part.childForFieldName('key');
          const local = part.childForFieldName('value');
          if (key && local?.type === 'identifier') {
            bindings.push({ local: local.text, source: direct, imported: key.text });
          }
        }
      }
    }
    return;
  }
  if (name.type !== 'identifier') {
    return;
  }
  if (value.type === 'member_expression') {
    const source = requireSource(value.childForFieldName('object'));
    const property = value.childForFieldName('property');
    if (source !== undefined && property) {
      bindings.push({ local: name.text, source, imported: property.text });
    }
  } else if (value.type === 'call_expression') {
    const source = requireSource(value.childForFieldName('function'));
    if (source !== undefined) {
      bindings.push({ local: name.text, source, imported: 'factory' });
    }
  }
}

function hasUseClientDirective(root: Node): boolean {
  for (const statement of namedChildren(root)) {
    if (statement.type === 'comment') {
      continue;
    }
    if (statement.type !== 'expression_statement') {
      return false;
    }
    const expression = namedChildren(statement)[0];
    const value = stringValue(expression);
    if (value === undefined) {
      return false;
    }
    if (value === 'use client') {
      return true;
    }
  }
  return false;
}

/** Local names bound to `source` with one of the given import kinds. */
export function localsFor(info: JsModuleInfo, source: string | ((source: string) => boolean), kinds?: readonly string[]): Set<string> {
  const matches = typeof source === 'string' ? (candidate: string) => candidate === source : source;
  return new Set(
    info.bindings.filter((binding) => matches(binding.source) && (kinds === undefined || kinds.includes(binding.imported))).map((binding) => binding.local),
  );
}

/** The static name of an object key (`a`, `"a"`, `'a'`); undefined for computed keys. */
export function propertyKeyName(key: Node | null): string | undefined {
  if (!key) {
    return undefined;
  }
  if (key.type === 'property_identifier' || key.type === 'identifier' || key.type === 'private_property_identifier') {
    return key.text;
  }
  return stringValue(key);
}

/** A property of an object literal: the `pair` (or the shorthand identifier) whose key is `name`. */
export function objectProperty(object: Node, name: string): Node | undefined {
  for (const child of namedChildren(object)) {
    if (child.type === 'pair' && propertyKeyName(child.childForFieldName('key')) === name) {
      return child;
    }
    if (child.type === 'shorthand_property_identifier' && child.text === name) {
      return child;
    }
    if (child.type === 'method_definition' && propertyKeyName(child.childForFieldName('name')) === name) {
      return child;
    }
  }
  return undefined;
}

/** The value of a property found by {@link objectProperty}: the pair's value, or the shorthand identifier itself. */
export function propertyValue(property: Node): Node | undefined {
  if (property.type === 'pair') {
    return unwrapExpression(property.childForFieldName('value'));
  }
  return property;
}

/** True when the object literal spreads another object, so its full set of keys is unknown. */
export function hasSpread(object: Node): boolean {
  return namedChildren(object).some((child) => child.type === 'spread_element');
}

const declaratorsOf = perTree((tree): ReadonlyMap<string, readonly Node[]> => {
  const byName = new Map<string, Node[]>();
  for (const declarator of collect(tree.rootNode, ['variable_declarator'])) {
    const declared = declarator.childForFieldName('name');
    if (declared?.type === 'identifier') {
      byName.set(declared.text, [...(byName.get(declared.text) ?? []), declarator]);
    }
  }
  return byName;
});

/** The variable declarators of the whole file, by declared identifier (computed once per tree). */
export function declaratorsByName(root: Node): ReadonlyMap<string, readonly Node[]> {
  return declaratorsOf(root.tree);
}

/**
 * The initial value of the only variable named `name` in the file (`const opts = {...}`), unwrapped; undefined when
 * there is no such variable or more than one (so the detector does not guess).
 */
export function resolveVariable(root: Node, name: string): Node | undefined {
  const matches = declaratorsByName(root).get(name) ?? [];
  if (matches.length !== 1) {
    return undefined;
  }
  return unwrapExpression(matches[0].childForFieldName('value'));
}

/** Every `name.property` (or `name['property']`) the file assigns to, computed once per tree. */
const propertyAssignmentsOf = perTree((tree): ReadonlySet<string> => {
  const assigned = new Set<string>();
  for (const assignment of collect(tree.rootNode, ['assignment_expression'])) {
    const left = assignment.childForFieldName('left');
    const object = left?.childForFieldName('object');
    if (left?.type === 'member_expression' && object?.type === 'identifier') {
      assigned.add(`${object.text}.${left.childForFieldName('property')?.text ?? ''}`);
    } else if (left?.type === 'subscript_expression' && object?.type === 'identifier') {
      assigned.add(`${object.text}.${stringValue(left.childForFieldName('index')) ?? ''}`);
    }
  }
  return assigned;
});

/** True when the file assigns `name.property = ...` somewhere (an options object completed after its literal). */
export function assignsProperty(root: Node, name: string, property: string): boolean {
  return propertyAssignmentsOf(root.tree).has(`${name}.${property}`);
}
