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
import { callArguments, callIndex, propertyKeyName, unwrapExpression, type CallInfo } from './js';
import { collect, namedChildren, preloadNodeTypes, RangeSet } from './tree';

const FUNCTION_TYPES = [
  'arrow_function', 'function_expression', 'function', 'function_declaration', 'generator_function',
  'generator_function_declaration', 'method_definition',
];
const FUNCTION_TYPE_SET = new Set(FUNCTION_TYPES);
const CLASS_TYPES = ['class_declaration', 'class', 'abstract_class_declaration'];
const SCOPE_TYPES = ['statement_block', 'switch_body', 'switch_case', 'catch_clause', 'for_in_statement', 'for_statement'];
preloadNodeTypes([...FUNCTION_TYPES, ...CLASS_TYPES, ...SCOPE_TYPES, 'call_expression', 'new_expression', 'variable_declarator', 'pair', 'export_statement', 'assignment_expression', 'augmented_assignment_expression', 'update_expression']);

const ROUTE_METHODS = new Set([
  'get', 'post', 'put', 'patch', 'delete', 'del', 'all', 'use', 'options', 'head', 'on', 'once', 'addListener',
  'prependListener', 'handle', 'addHook', 'ws', 'websocket', 'createServer', 'createSecureServer',
]);
const NON_SERVER_EMITTERS = new Set(['process', 'console', 'Promise', 'window', 'document']);
const HANDLER_KEYS = new Set(['handler', 'preHandler', 'onRequest', 'preValidation', 'wsHandler']);
const HANDLER_PARAMETER_NAMES = new Set(['req', 'request', 'ctx', 'socket', 'ws', 'conn', 'connection']);
const HANDLER_PARAMETER_TYPES = /(^|\.)(Request|FastifyRequest|IncomingMessage|Socket|WebSocket|ServerWebSocket|Context|NextRequest|NextApiRequest|ParameterizedContext)(<.*)?$/;
const NEST_SINGLETON_DECORATORS = new Set(['Controller', 'Injectable', 'WebSocketGateway', 'Resolver']);

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
function patternNames(patterns: Node[]): string[] {
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

function firstParameter(fn: Node): { name: string; type: string | undefined } | undefined {
  const single = fn.childForFieldName('parameter');
  if (single) {
    return { name: single.text, type: undefined };
  }
  const parameters = fn.childForFieldName('parameters');
  const first = parameters ? namedChildren(parameters).find((child) => child.type !== 'comment' && child.type !== 'decorator') : undefined;
  if (!first) {
    return undefined;
  }
  if (first.type === 'identifier') {
    return { name: first.text, type: undefined };
  }
  if (first.type === 'required_parameter' || first.type === 'optional_parameter') {
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

function hasRequestLikeFirstParameter(fn: Node): boolean {
  const first = firstParameter(fn);
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
}

function namedFunctions(root: Node): NamedFunction[] {
  const result: NamedFunction[] = [];
  for (const fn of collect(root, FUNCTION_TYPES)) {
    const own = fn.childForFieldName('name');
    result.push({ fn, name: own ? (propertyKeyName(own) ?? own.text) : undefined });
  }
  for (const declarator of collect(root, ['variable_declarator'])) {
    const value = unwrapExpression(declarator.childForFieldName('value'));
    const name = declarator.childForFieldName('name');
    if (value && isFunctionNode(value) && name?.type === 'identifier') {
      result.push({ fn: value, name: name.text });
    }
  }
  for (const pair of collect(root, ['pair'])) {
    const value = unwrapExpression(pair.childForFieldName('value'));
    const key = propertyKeyName(pair.childForFieldName('key'));
    if (value && isFunctionNode(value) && key !== undefined) {
      result.push({ fn: value, name: key });
    }
  }
  return result;
}

/** Module-level functions by name: `function f`, `const f = () =>`, with or without `export`. */
function moduleFunctions(root: Node): Map<string, Node> {
  const functions = new Map<string, Node>();
  for (let statement of namedChildren(root)) {
    if (statement.type === 'export_statement') {
      statement = statement.childForFieldName('declaration') ?? statement;
    }
    if (statement.type === 'function_declaration' || statement.type === 'generator_function_declaration') {
      const name = statement.childForFieldName('name');
      if (name) {
        functions.set(name.text, statement);
      }
    } else if (statement.type === 'lexical_declaration' || statement.type === 'variable_declaration') {
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

/** Which code runs per request/connection/login in one file (see the file comment). */
export class JsHandlerIndex {
  private readonly handlerIds = new Set<number>();
  private readonly ranges = new RangeSet();

  constructor(root: Node) {
    const calls = callIndex(root);
    const registeredNames = new Set<string>();
    for (const call of calls) {
      if (!isRegistrationCall(call)) {
        continue;
      }
      for (const argument of callArguments(call.node)) {
        const value = unwrapExpression(argument);
        if (value && isFunctionNode(value)) {
          this.add(value);
        } else if (value?.type === 'identifier') {
          registeredNames.add(value.text);
        } else if (value?.type === 'member_expression') {
          // app.post('/login', auth.login) or controller.login
          const property = value.childForFieldName('property');
          if (property) {
            registeredNames.add(property.text);
          }
        }
      }
    }
    for (const pair of collect(root, ['pair'])) {
      if (!HANDLER_KEYS.has(propertyKeyName(pair.childForFieldName('key')) ?? '')) {
        continue;
      }
      const value = unwrapExpression(pair.childForFieldName('value'));
      if (value && isFunctionNode(value)) {
        this.add(value);
      } else if (value?.type === 'identifier') {
        registeredNames.add(value.text);
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
    for (const { fn, name } of namedFunctions(root)) {
      if (hasRequestLikeFirstParameter(fn) || (name !== undefined && (registeredNames.has(name) || isLoginLikeName(name)))) {
        this.add(fn);
      }
    }

    // Module-level helpers called from handlers run per request too.
    const helpers = moduleFunctions(root);
    const helperCalls = helpers.size === 0 ? [] : calls.filter((call) => call.calleeType === 'identifier' && helpers.has(call.name));
    for (let depth = 0; depth < 3 && helperCalls.length > 0; depth++) {
      let added = false;
      for (const call of helperCalls) {
        const target = helpers.get(call.name)!;
        if (!this.handlerIds.has(target.id) && this.isInHandler(call.node)) {
          this.add(target);
          added = true;
        }
      }
      if (!added) {
        break;
      }
    }
  }

  /** True when `node` runs as part of handling a request, connection or login. */
  isInHandler(node: Node): boolean {
    return this.ranges.contains(node);
  }

  private add(fn: Node): void {
    if (!this.handlerIds.has(fn.id)) {
      this.handlerIds.add(fn.id);
      this.ranges.add(fn.startIndex, fn.endIndex);
    }
  }
}

/**
 * Answers "does this use of a name refer to something declared between it and the module scope?" (a parameter, or
 * a variable/function/class declared in an enclosing block, catch clause or loop). Built in one pass on first use.
 */
export class JsScopes {
  private index: Map<string, RangeSet> | undefined;

  constructor(private readonly root: Node) {}

  /** True when `name` at `node` is NOT the module-level declaration of that name. */
  isShadowed(node: Node, name: string): boolean {
    this.index ??= this.build();
    return this.index.get(name)?.contains(node) ?? false;
  }

  private build(): Map<string, RangeSet> {
    const index = new Map<string, RangeSet>();
    const declare = (names: readonly string[], scope: Node) => {
      for (const name of names) {
        let ranges = index.get(name);
        if (!ranges) {
          ranges = new RangeSet();
          index.set(name, ranges);
        }
        ranges.add(scope.startIndex, scope.endIndex);
      }
    };
    for (const fn of collect(this.root, FUNCTION_TYPES)) {
      declare(parameterNames(fn), fn);
    }
    for (const block of collect(this.root, ['statement_block', 'switch_body', 'switch_case'])) {
      declare(namedChildren(block).flatMap(declaredNames), block);
    }
    for (const clause of collect(this.root, ['catch_clause'])) {
      const parameter = clause.childForFieldName('parameter');
      declare(parameter ? patternNames([parameter]) : [], clause);
    }
    for (const loop of collect(this.root, ['for_in_statement', 'for_statement'])) {
      const left = loop.childForFieldName('left') ?? loop.childForFieldName('initializer');
      if (left?.type === 'lexical_declaration' || left?.type === 'variable_declaration') {
        declare(declaredNames(left), loop);
      } else if (left && loop.childForFieldName('kind') !== null) {
        declare(patternNames([left]), loop);
      }
    }
    return index;
  }
}

/** The names a statement declares in its block. */
function declaredNames(statement: Node): string[] {
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
