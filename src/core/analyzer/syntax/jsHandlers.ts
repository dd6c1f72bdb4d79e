// Recognises JS/TS request, connection and login handlers, and resolves which declaration a name refers to. Both
// work top-down over cached node lists and answer queries by byte-range containment, never by climbing parents
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
//   - or a module-level function called from one of the above (three levels deep), so `saveSession(req.sessionID)`
//     helpers count.

import type { Node } from '@vscode/tree-sitter-wasm';
import { isLoginLikeName } from './keywords';
import { callIndex, propertyKeyName, startsWithin, unwrapExpression, type CallInfo } from './js';
import { collect, namedChildren, namedTypesOf, preloadNodeTypes, HandlerFunctions, RangeSet } from './tree';

const FUNCTION_TYPES = [
  'arrow_function', 'function_expression', 'function', 'function_declaration', 'generator_function',
  'generator_function_declaration', 'method_definition',
];
const FUNCTION_TYPE_SET = new Set(FUNCTION_TYPES);
const CLASS_TYPES = ['class_declaration', 'class', 'abstract_class_declaration'];
// Scope nodes (blocks, loops, catch clauses) are not preloaded: JsScopes finds the few it needs from the text.
preloadNodeTypes([...FUNCTION_TYPES, ...CLASS_TYPES, 'call_expression', 'new_expression', 'variable_declarator', 'pair', 'export_statement', 'assignment_expression', 'augmented_assignment_expression', 'update_expression']);

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

/** True for function-like nodes (declarations, expressions, arrows and methods). */
export function isFunctionNode(node: Node | null | undefined): boolean {
  return node !== null && node !== undefined && FUNCTION_TYPE_SET.has(node.type);
}

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
    const scopes = collect(this.root, [...namedTypesOf(this.root, FUNCTION_TYPES), ...BLOCK_SCOPE_TYPES]);
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
const SCOPE_TYPE_SET = new Set([...FUNCTION_TYPES, ...BLOCK_SCOPE_TYPES]);

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
