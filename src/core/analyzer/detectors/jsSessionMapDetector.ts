// Hand-rolled session state in JS/TS: a Map, Set or object literal at module scope (or a field of a NestJS
// singleton) that a request/connection/login handler writes with a session/user/socket-like key.
//
// Reported once per collection, on its declaration, when all of these hold:
//   - the file is server code (imports http/express/fastify/koa/hapi/socket.io/ws/NestJS/Next.js ...) and is not a
//     `"use client"` module (React state and browser code never match);
//   - the collection is module-level (or a NestJS singleton field) and not a cache by name (`userCache`, `memo`):
//     a lost cache costs a miss, not a session;
//   - it is written (`.set`, `.add`, `[k] =`, `[k] +=`, `[k]++`) inside a handler (see syntax/jsHandlers.ts) and the
//     key, or failing that the collection's own name, is session-like (syntax/keywords.ts).
// Function-local maps, per-connection objects and read-only tables never match: they are not module-level, or are
// never written in a handler.

import type { Node } from '@vscode/tree-sitter-wasm';
import type { Detector, DetectorContext, Finding } from '../types';
import { analyzeJsModule, JS_LANGUAGES, unwrapExpression, type JsModuleInfo } from '../syntax/jsSyntax';
import { callArguments, callIndex } from '../syntax/jsCalls';
import { isInRequestLikeFunction, JsHandlerIndex, nestSingletonClasses } from '../syntax/jsHandlers';
import { JsScopes } from '../syntax/jsScopes';
import { collect, contains, namedChildren } from '../syntax/tree';
import { collectionWriteFinding, isSessionKeyedWrite, type CollectionHolder } from './handlerWriteReport';

type CollectionKind = 'Map' | 'Set' | 'object';

interface Collection {
  readonly name: string;
  readonly kind: CollectionKind;
  readonly declaration: Node;
  /** The NestJS class owning a field; undefined for module-level variables. */
  readonly owner: Node | undefined;
}

const SERVER_HINT = /express|fastify|koa|hapi|socket\.io|@nestjs|next|restify|hono|polka|micro|h3|elysia|\bws\b|['"](node:)?(http|https|http2|net)['"]|Bun\.serve|Deno\.serve/;
const COLLECTION_HINT = /new\s+(Map|Set)\b|=\s*\{|Object\.create/;

export const jsSessionMapDetector: Detector = {
  id: 'js-session-map',
  languages: JS_LANGUAGES,
  prefilter: (text) => SERVER_HINT.test(text) && COLLECTION_HINT.test(text),
  detect(context: DetectorContext): Finding[] {
    const info = analyzeJsModule(context.root);
    if (!info.isServer || info.isClient) {
      return [];
    }
    const moduleCollections = new Map<string, Collection>();
    for (const collection of findModuleCollections(context.root)) {
      moduleCollections.set(collection.name, collection);
    }
    const fieldCollections = findSingletonFields(context.root);
    if (moduleCollections.size === 0 && fieldCollections.length === 0) {
      return [];
    }
    // Built on first need: most writes fail a cheaper test first, and a write inside a `(req, res) => ...` function
    // is known to run in a handler without the index.
    let handlers: JsHandlerIndex | undefined;
    const inHandler = (node: Node) => isInRequestLikeFunction(context.root, node) || (handlers ??= new JsHandlerIndex(context.root, context.text)).isInHandler(node);
    const scopes = new JsScopes(context.root, context.text);
    const reported = new Set<Collection>();
    const findings: Finding[] = [];

    const writes = [
      ...callIndex(context.root).filter((call) => call.calleeType === 'member_expression' && (call.name === 'set' || call.name === 'add')).map((call) => call.node),
      ...collect(context.root, ['assignment_expression', 'augmented_assignment_expression', 'update_expression']),
    ].sort((a, b) => a.startIndex - b.startIndex);
    for (const write of writes) {
      if (context.isCancelled()) {
        break;
      }
      const access = writeAccess(write);
      if (!access) {
        continue;
      }
      const collection = resolveTarget(access.target, moduleCollections, fieldCollections, scopes);
      if (!collection || reported.has(collection) || !kindAccepts(collection.kind, access.method)) {
        continue;
      }
      if (!isSessionKeyedWrite(collection.name, keyWords(access.key)) || !inHandler(write)) {
        continue;
      }
      reported.add(collection);
      const holder: CollectionHolder = collection.owner === undefined ? { kind: 'module' } : { kind: 'field', owner: collection.owner.childForFieldName('name')?.text };
      findings.push(collectionWriteFinding(collection, write, access.key, { holder, note: 'externalize-sessions-node#hand-rolled-session-maps', framework: frameworkOf(info) }));
    }
    return findings.sort((a, b) => a.range.start.line - b.range.start.line);
  },
};

/** The collection a value creates: `new Map()`, `new Set()`, `{...}` (not `as const`), `Object.create(null)`. */
function collectionKind(value: Node | null | undefined): CollectionKind | undefined {
  const node = unwrapExpression(value);
  if (!node) {
    return undefined;
  }
  if (node.type === 'new_expression') {
    const constructor = node.childForFieldName('constructor');
    return constructor?.text === 'Map' ? 'Map' : constructor?.text === 'Set' ? 'Set' : undefined;
  }
  if (node.type === 'object') {
    return 'object';
  }
  if (node.type === 'call_expression' && node.childForFieldName('function')?.text === 'Object.create') {
    return 'object';
  }
  return undefined;
}

function findModuleCollections(root: Node): Collection[] {
  const collections: Collection[] = [];
  for (let statement of namedChildren(root)) {
    // `type` is a call into wasm: read it once per statement.
    let type = statement.type;
    if (type === 'export_statement') {
      const declaration = statement.childForFieldName('declaration');
      if (!declaration) {
        continue;
      }
      statement = declaration;
      type = declaration.type;
    }
    if (type !== 'lexical_declaration' && type !== 'variable_declaration') {
      continue;
    }
    for (const declarator of namedChildren(statement)) {
      const name = declarator.type === 'variable_declarator' ? declarator.childForFieldName('name') : undefined;
      const kind = collectionKind(declarator.childForFieldName('value'));
      if (name?.type === 'identifier' && kind) {
        collections.push({ name: name.text, kind, declaration: declarator, owner: undefined });
      }
    }
  }
  return collections;
}

/** Fields of NestJS singletons initialised to a collection, inline or in the constructor. */
function findSingletonFields(root: Node): Collection[] {
  const collections: Collection[] = [];
  for (const classNode of nestSingletonClasses(root)) {
    const body = classNode.childForFieldName('body');
    for (const member of body ? namedChildren(body) : []) {
      if (member.type === 'public_field_definition' || member.type === 'field_definition') {
        const name = member.childForFieldName('name') ?? member.childForFieldName('property');
        const kind = collectionKind(member.childForFieldName('value'));
        if (name && kind) {
          collections.push({ name: name.text, kind, declaration: member, owner: classNode });
        }
      } else if (member.type === 'method_definition' && member.childForFieldName('name')?.text === 'constructor') {
        for (const assignment of collect(member, ['assignment_expression'])) {
          const left = assignment.childForFieldName('left');
          const kind = collectionKind(assignment.childForFieldName('right'));
          if (left?.type === 'member_expression' && left.childForFieldName('object')?.type === 'this' && kind) {
            const name = left.childForFieldName('property')?.text;
            if (name) {
              collections.push({ name, kind, declaration: assignment, owner: classNode });
            }
          }
        }
      }
    }
  }
  return collections;
}

interface WriteAccess {
  readonly target: Node;
  readonly key: Node | undefined;
  readonly method: 'set' | 'add' | 'index';
}

function writeAccess(write: Node): WriteAccess | undefined {
  if (write.type === 'call_expression') {
    const callee = write.childForFieldName('function');
    const method = callee?.type === 'member_expression' ? callee.childForFieldName('property')?.text : undefined;
    const target = callee?.childForFieldName('object');
    if ((method === 'set' || method === 'add') && target) {
      return { target, key: callArguments(write)[0], method };
    }
    return undefined;
  }
  const subject = write.type === 'update_expression' ? write.childForFieldName('argument') : write.childForFieldName('left');
  if (subject?.type !== 'subscript_expression') {
    return undefined;
  }
  const target = subject.childForFieldName('object');
  return target ? { target, key: subject.childForFieldName('index') ?? undefined, method: 'index' } : undefined;
}

function kindAccepts(kind: CollectionKind, method: WriteAccess['method']): boolean {
  return method === 'index' || (method === 'set' && kind === 'Map') || (method === 'add' && kind === 'Set');
}

function resolveTarget(target: Node, moduleCollections: ReadonlyMap<string, Collection>, fields: readonly Collection[], scopes: JsScopes): Collection | undefined {
  const node = unwrapExpression(target);
  if (node?.type === 'identifier') {
    const collection = moduleCollections.get(node.text);
    return collection && !scopes.isShadowed(node, node.text) ? collection : undefined;
  }
  if (node?.type === 'member_expression' && node.childForFieldName('object')?.type === 'this') {
    const name = node.childForFieldName('property')?.text;
    // The innermost singleton class around the access owns `this` (fields of other classes do not count).
    const owners = fields.filter((field) => field.owner !== undefined && contains(field.owner, node)).map((field) => field.owner!);
    const innermost = owners.sort((a, b) => b.startIndex - a.startIndex)[0];
    return fields.find((field) => innermost !== undefined && field.owner?.id === innermost.id && field.name === name);
  }
  return undefined;
}

/** The identifiers and string parts of a key expression, for {@link isSessionKeyedWrite}. */
function keyWords(key: Node | undefined): Node[] {
  return key ? collect(key, ['identifier', 'property_identifier', 'shorthand_property_identifier', 'string_fragment', 'private_property_identifier']) : [];
}

function frameworkOf(info: JsModuleInfo): string {
  const sources = [...info.sources];
  if (sources.some((source) => source.startsWith('@nestjs/'))) {
    return 'nestjs';
  }
  for (const name of ['socket.io', 'fastify', 'koa', 'express', 'next', 'ws']) {
    if (sources.some((source) => source === name || source.startsWith(`${name}/`))) {
      return name;
    }
  }
  return 'node';
}
