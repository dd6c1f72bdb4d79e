// Recognises JS/TS request, connection and login handlers (which declaration a name refers to is jsScopes.ts). It
// works top-down over cached node lists and answers queries by byte-range containment, never by climbing parents
// (see tree.ts), so deeply nested code stays linear.
//
// A function counts as a handler when it is
//   - passed to a route/event registration (`app.get(...)`, `router.use(...)`, `io.on('connection', ...)`,
//     `socket.on(...)`, `fastify.addHook(...)`, `http.createServer(...)`), or is the `handler` of a route object;
//   - a method of a NestJS singleton (`@Controller`, `@Injectable`, `@WebSocketGateway`, `@Resolver` class);
//   - declared with a request-like first parameter (`req`, `request`, `ctx`, `socket`, `ws`, or typed `Request`,
//     `FastifyRequest`, `Socket`, `WebSocket`, `Context`, ...), which covers handlers registered in another file and
//     Next.js / Bun / Workers `fetch(request)` style handlers;
//   - named like a login (`login`, `signIn`, `authenticate`, ...), or registered by name (`app.post('/x', login)`);
//   - or a module-level function called from one of the above (see reachable.ts), so `saveSession(req.sessionID)`
//     helpers count.

import type { Node } from '@vscode/tree-sitter-wasm';
import { isLoginLikeName } from './keywords';
import { propertyKeyName, startsWithin, unwrapExpression } from './jsSyntax';
import { callIndex, type CallInfo } from './jsCalls';
import { isFunctionNode, JS_FUNCTION_TYPES } from './jsScopes';
import { collect, namedChildren, namedTypesOf, HandlerFunctions } from './tree';

const FUNCTION_TYPES = JS_FUNCTION_TYPES;
const FUNCTION_TYPE_SET = new Set(FUNCTION_TYPES);
const CLASS_TYPES = ['class_declaration', 'class', 'abstract_class_declaration'];
/**
 * The node types the JS/TS helpers and detectors ask of whole trees (registered by the analyzer, grammarPreloads.ts).
 * Scope nodes (blocks, loops, catch clauses) are left out: JsScopes finds the few it needs from the text.
 */
export const JS_PRELOAD_TYPES: readonly string[] = [...FUNCTION_TYPES, ...CLASS_TYPES, 'call_expression', 'new_expression', 'variable_declarator', 'pair', 'export_statement', 'assignment_expression', 'augmented_assignment_expression', 'update_expression'];

const ROUTE_METHODS = new Set([
  'get', 'post', 'put', 'patch', 'delete', 'del', 'all', 'use', 'options', 'head', 'on', 'once', 'addListener',
  'prependListener', 'handle', 'addHook', 'ws', 'websocket', 'createServer', 'createSecureServer',
]);
const NON_SERVER_EMITTERS = new Set(['process', 'console', 'Promise', 'window', 'document']);
const HANDLER_KEYS = new Set(['handler', 'preHandler', 'onRequest', 'preValidation', 'wsHandler']);
const HANDLER_PARAMETER_NAMES = new Set(['req', 'request', 'ctx', 'socket', 'ws', 'conn', 'connection']);
const HANDLER_PARAMETER_TYPES = /(^|\.)(Request|FastifyRequest|IncomingMessage|Socket|WebSocket|ServerWebSocket|Context|NextRequest|NextApiRequest|ParameterizedContext)(<.*)?$/;
const NEST_SINGLETON_DECORATORS = new Set(['Controller', 'Injectable', 'WebSocketGateway', 'Resolver']);
/** Node types unwrapExpression looks through. */
const WRAPPER_TYPES = new Set(['parenthesized_expression', 'non_null_expression', 'satisfies_expression', 'await_expression', 'as_expression']);

/** The decorator names on a class; `exported` is the export statement around it, which holds TS class decorators. */
function classDecoratorNames(classNode: Node, exported: Node | undefined): string[] {
  const decorators = namedChildren(classNode).filter((child) => child.type === 'decorator');
  if (exported) {
    decorators.push(...namedChildren(exported).filter((child) => child.type === 'decorator'));
  }
  return decorators.map((decorator) => {
    const expression = namedChildren(decorator)[0];
    const callee = expression?.type === 'call_expression' ? expression.childForFieldName('function') : expression;
    const text = callee?.text ?? '';
    return text.slice(text.lastIndexOf('.') + 1);
  });
}

/** The classes NestJS instantiates once per process (controller, provider, gateway, resolver) in a file. */
export function nestSingletonClasses(root: Node): Node[] {
  const exportedClass = new Map<number, Node>();
  for (const statement of collect(root, ['export_statement'])) {
    const declaration = statement.childForFieldName('declaration');
    if (declaration) {
      exportedClass.set(declaration.id, statement);
    }
  }
  return collect(root, CLASS_TYPES).filter((classNode) =>
    classDecoratorNames(classNode, exportedClass.get(classNode.id)).some((name) => NEST_SINGLETON_DECORATORS.has(name)),
  );
}


/** `fnType` is the function's node type when the caller knows it (only arrow functions have a single `parameter`). */
function firstParameter(fn: Node, fnType?: string): { name: string; type: string | undefined } | undefined {
  const single = fnType === undefined || fnType === 'arrow_function' ? fn.childForFieldName('parameter') : null;
  if (single) {
    return { name: single.text, type: undefined };
  }
  const parameters = fn.childForFieldName('parameters');
  let first: Node | undefined;
  let firstType = '';
  for (const child of parameters ? namedChildren(parameters) : []) {
    // `type` is a call into wasm: read it once per child.
    const type = child.type;
    if (type !== 'comment' && type !== 'decorator') {
      first = child;
      firstType = type;
      break;
    }
  }
  if (!first) {
    return undefined;
  }
  if (firstType === 'identifier') {
    return { name: first.text, type: undefined };
  }
  if (firstType === 'required_parameter' || firstType === 'optional_parameter') {
    const pattern = first.childForFieldName('pattern');
    const annotation = first.childForFieldName('type');
    const typeNode = annotation ? namedChildren(annotation)[0] : undefined;
    if (pattern?.type === 'this') {
      return undefined;
    }
    return { name: pattern?.text ?? '', type: typeNode?.text };
  }
  return undefined;
}

function hasRequestLikeFirstParameter(fn: Node, fnType?: string): boolean {
  const first = firstParameter(fn, fnType);
  if (!first) {
    return false;
  }
  return HANDLER_PARAMETER_NAMES.has(first.name) || (first.type !== undefined && HANDLER_PARAMETER_TYPES.test(first.type));
}

function isRegistrationCall(call: CallInfo): boolean {
  if (call.calleeType === 'identifier') {
    return call.name === 'createServer' || call.name === 'createSecureServer';
  }
  return call.calleeType === 'member_expression' && ROUTE_METHODS.has(call.name) && !NON_SERVER_EMITTERS.has(call.objectName);
}

/** A function value and the name it is known by (its own, its variable's, its property key). */
interface NamedFunction {
  readonly fn: Node;
  readonly name: string | undefined;
  /** The function's node type, when already known. */
  readonly type?: string;
}

/**
 * The offsets at which function nodes start, in order: a declarator or pair whose value is a function holds one of
 * them, so the others are skipped without reading their children.
 */
function functionStarts(root: Node): number[] {
  return collect(root, namedTypesOf(root, FUNCTION_TYPES)).map((fn) => fn.startIndex);
}

function namedFunctions(root: Node): NamedFunction[] {
  const result: NamedFunction[] = [];
  // Type by type, so each function's type is known without asking (arrow functions have no `name`).
  for (const type of namedTypesOf(root, FUNCTION_TYPES)) {
    for (const fn of collect(root, [type])) {
      const own = type === 'arrow_function' ? null : fn.childForFieldName('name');
      result.push({ fn, name: own ? (propertyKeyName(own) ?? own.text) : undefined, type });
    }
  }
  const starts = functionStarts(root);
  for (const declarator of collect(root, ['variable_declarator'])) {
    if (!startsWithin(starts, declarator)) {
      continue;
    }
    const value = unwrapExpression(declarator.childForFieldName('value'));
    const name = value && isFunctionNode(value) ? declarator.childForFieldName('name') : null;
    if (value && name?.type === 'identifier') {
      result.push({ fn: value, name: name.text });
    }
  }
  for (const pair of collect(root, ['pair'])) {
    if (!startsWithin(starts, pair)) {
      continue;
    }
    const value = unwrapExpression(pair.childForFieldName('value'));
    const key = value && isFunctionNode(value) ? propertyKeyName(pair.childForFieldName('key')) : undefined;
    if (value && key !== undefined) {
      result.push({ fn: value, name: key });
    }
  }
  return result;
}

/** Every offset at which one of `words` occurs in `text`, ascending. */
function occurrences(text: string, words: Iterable<string>): number[] {
  const offsets: number[] = [];
  for (const word of words) {
    for (let at = text.indexOf(word); at >= 0; at = text.indexOf(word, at + 1)) {
      offsets.push(at);
    }
  }
  return offsets.sort((a, b) => a - b);
}

/** Module-level functions by name: `function f`, `const f = () =>`, with or without `export`. */
function moduleFunctions(root: Node): Map<string, Node> {
  const functions = new Map<string, Node>();
  for (let statement of namedChildren(root)) {
    // `type` is a call into wasm: read it once per statement.
    let type = statement.type;
    if (type === 'export_statement') {
      const declaration = statement.childForFieldName('declaration');
      if (declaration) {
        statement = declaration;
        type = declaration.type;
      }
    }
    if (type === 'function_declaration' || type === 'generator_function_declaration') {
      const name = statement.childForFieldName('name');
      if (name) {
        functions.set(name.text, statement);
      }
    } else if (type === 'lexical_declaration' || type === 'variable_declaration') {
      for (const declarator of namedChildren(statement)) {
        const name = declarator.childForFieldName('name');
        const value = unwrapExpression(declarator.childForFieldName('value'));
        if (name?.type === 'identifier' && value && isFunctionNode(value)) {
          functions.set(name.text, value);
        }
      }
    }
  }
  return functions;
}

/**
 * True when a function around `node` takes a request-like first parameter (`req`, `ctx: Context`, ...). Every such
 * function is a handler in {@link JsHandlerIndex}, so a yes here is the index's answer without building it; a no says
 * nothing (the function may be registered by name, or a helper called from a handler).
 */
export function isInRequestLikeFunction(root: Node, node: Node): boolean {
  // Descends from the root to the node (O(depth) native child lookups) and checks the functions on the way.
  let current: Node | null = root;
  for (let guard = 0; current && guard < 100_000; guard++) {
    const type = current.type;
    if (FUNCTION_TYPE_SET.has(type) && hasRequestLikeFirstParameter(current, type)) {
      return true;
    }
    if (current.id === node.id) {
      return false;
    }
    const next: Node | null = current.childWithDescendant(node);
    current = next && next.id !== current.id ? next : null;
  }
  return false;
}

/** Which code runs per request/connection/login in one file (see the file comment). */
export class JsHandlerIndex {
  private readonly handlers = new HandlerFunctions();

  /** `text` is the whole text the tree was parsed from. */
  constructor(root: Node, text: string) {
    const calls = callIndex(root);
    const registeredNames = new Set<string>();
    for (const call of calls) {
      if (!isRegistrationCall(call)) {
        continue;
      }
      const args = call.node.childForFieldName('arguments');
      for (const argument of args ? namedChildren(args) : []) {
        // callArguments + unwrapExpression, reading each node's type once.
        let type = argument.type;
        if (type === 'comment') {
          continue;
        }
        let value: Node | undefined = argument;
        if (WRAPPER_TYPES.has(type)) {
          value = unwrapExpression(argument);
          type = value?.type ?? '';
        }
        if (value && FUNCTION_TYPE_SET.has(type)) {
          this.add(value);
        } else if (type === 'identifier') {
          registeredNames.add(value!.text);
        } else if (type === 'member_expression') {
          // app.post('/login', auth.login) or controller.login
          const property = value!.childForFieldName('property');
          if (property) {
            registeredNames.add(property.text);
          }
        }
      }
    }
    // A handler key is spelled out inside its pair: pairs holding none of the words are skipped unread.
    const keyOffsets = occurrences(text, HANDLER_KEYS);
    for (const pair of keyOffsets.length === 0 ? [] : collect(root, ['pair'])) {
      if (!startsWithin(keyOffsets, pair) || !HANDLER_KEYS.has(propertyKeyName(pair.childForFieldName('key')) ?? '')) {
        continue;
      }
      const value = unwrapExpression(pair.childForFieldName('value'));
      const type = value?.type;
      if (value && type !== undefined && FUNCTION_TYPE_SET.has(type)) {
        this.add(value);
      } else if (type === 'identifier') {
        registeredNames.add(value!.text);
      }
    }
    for (const classNode of nestSingletonClasses(root)) {
      const body = classNode.childForFieldName('body');
      for (const member of body ? namedChildren(body) : []) {
        if (member.type === 'method_definition') {
          this.add(member);
        }
      }
    }
    for (const { fn, name, type } of namedFunctions(root)) {
      // Functions already known as handlers (most registered callbacks) need no second look.
      if (this.handlers.has(fn)) {
        continue;
      }
      if ((name !== undefined && (registeredNames.has(name) || isLoginLikeName(name))) || hasRequestLikeFirstParameter(fn, type)) {
        this.add(fn);
      }
    }

    // Module-level helpers called from handlers run per request too.
    const helpers = moduleFunctions(root);
    const helperCalls = helpers.size === 0 ? [] : calls.filter((call) => call.calleeType === 'identifier' && helpers.has(call.name));
    this.handlers.addCalledHelpers(helperCalls.map((call) => ({ node: call.node, target: helpers.get(call.name)! })));
  }

  /** True when `node` runs as part of handling a request, connection or login. */
  isInHandler(node: Node): boolean {
    return this.handlers.contains(node);
  }

  private add(fn: Node): void {
    this.handlers.add(fn);
  }
}
