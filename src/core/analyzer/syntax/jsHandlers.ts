// Recognises JS/TS request, connection and login handlers, and resolves which declaration a name refers to.
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
import { callArguments, propertyKeyName } from './js';
import { collect, namedChildren } from './tree';

const FUNCTION_TYPES = new Set([
  'arrow_function', 'function_expression', 'function', 'function_declaration', 'generator_function',
  'generator_function_declaration', 'method_definition',
]);

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
export function isFunctionNode(node: Node): boolean {
  return FUNCTION_TYPES.has(node.type);
}

/** The class declaration/expression a method or field belongs to. */
function owningClass(member: Node): Node | undefined {
  const body = member.parent;
  if (body?.type !== 'class_body') {
    return undefined;
  }
  return body.parent ?? undefined;
}

/** The decorators applied to a class (TS puts `export`ed class decorators on the export statement). */
function classDecoratorNames(classNode: Node): string[] {
  const decorators = namedChildren(classNode).filter((child) => child.type === 'decorator');
  if (classNode.parent?.type === 'export_statement') {
    decorators.push(...namedChildren(classNode.parent).filter((child) => child.type === 'decorator'));
  }
  return decorators.map((decorator) => {
    const expression = namedChildren(decorator)[0];
    const callee = expression?.type === 'call_expression' ? expression.childForFieldName('function') : expression;
    const text = callee?.text ?? '';
    return text.slice(text.lastIndexOf('.') + 1);
  });
}

/** True for a class NestJS instantiates once per process (controller, provider, gateway, resolver). */
export function isNestSingletonClass(classNode: Node): boolean {
  return classDecoratorNames(classNode).some((name) => NEST_SINGLETON_DECORATORS.has(name));
}

/** The name a function is known by: its own name, its variable, or its method/property key. */
export function functionName(fn: Node): string | undefined {
  const own = fn.childForFieldName('name');
  if (own) {
    return propertyKeyName(own) ?? own.text;
  }
  const parent = fn.parent;
  if (parent?.type === 'variable_declarator') {
    return parent.childForFieldName('name')?.text;
  }
  if (parent?.type === 'pair') {
    return propertyKeyName(parent.childForFieldName('key'));
  }
  return undefined;
}

/** The identifiers a function's parameters bind (patterns included, default values excluded). */
export function parameterNames(fn: Node): string[] {
  const single = fn.childForFieldName('parameter');
  if (single) {
    return [single.text];
  }
  const parameters = fn.childForFieldName('parameters');
  if (!parameters) {
    return [];
  }
  const names: string[] = [];
  const pending: Node[] = namedChildren(parameters);
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

/** The method name of a member call (`app.get(...)` → "get") or the name of a plain call (`createServer(...)`). */
function calleeMethod(call: Node): { method: string; object: string | undefined } | undefined {
  const callee = call.childForFieldName('function');
  if (!callee) {
    return undefined;
  }
  if (callee.type === 'identifier') {
    return { method: callee.text, object: undefined };
  }
  if (callee.type === 'member_expression') {
    const property = callee.childForFieldName('property');
    return property ? { method: property.text, object: callee.childForFieldName('object')?.text } : undefined;
  }
  return undefined;
}

function isRegistrationCall(call: Node): boolean {
  const callee = calleeMethod(call);
  if (!callee || !ROUTE_METHODS.has(callee.method)) {
    return false;
  }
  if (callee.object === undefined) {
    return callee.method === 'createServer' || callee.method === 'createSecureServer';
  }
  return !NON_SERVER_EMITTERS.has(callee.object);
}

/** Function-level facts for one file, computed once per detector run. */
export class JsHandlerIndex {
  private readonly handlers = new Set<number>();

  constructor(root: Node) {
    const registeredNames = new Set<string>();
    for (const call of collect(root, ['call_expression'])) {
      if (!isRegistrationCall(call)) {
        continue;
      }
      for (const argument of callArguments(call)) {
        if (argument.type === 'identifier') {
          registeredNames.add(argument.text);
        } else if (argument.type === 'member_expression') {
          // app.post('/login', auth.login) or controller.login
          const property = argument.childForFieldName('property');
          if (property) {
            registeredNames.add(property.text);
          }
        }
      }
    }
    for (const pair of collect(root, ['pair'])) {
      const value = pair.childForFieldName('value');
      if (value?.type === 'identifier' && HANDLER_KEYS.has(propertyKeyName(pair.childForFieldName('key')) ?? '')) {
        registeredNames.add(value.text);
      }
    }

    const functions = collect(root, [...FUNCTION_TYPES]);
    for (const fn of functions) {
      const name = functionName(fn);
      if (this.isDirectHandler(fn) || (name !== undefined && (registeredNames.has(name) || isLoginLikeName(name)))) {
        this.handlers.add(fn.id);
      }
    }

    // Module-level helpers called from handlers run per request too.
    const moduleFunctions = new Map<string, Node>();
    for (const fn of functions) {
      const name = functionName(fn);
      if (name !== undefined && isModuleLevelFunction(fn)) {
        moduleFunctions.set(name, fn);
      }
    }
    for (let depth = 0; depth < 3; depth++) {
      let added = false;
      for (const call of collect(root, ['call_expression'])) {
        const callee = call.childForFieldName('function');
        const target = callee?.type === 'identifier' ? moduleFunctions.get(callee.text) : undefined;
        if (target && !this.handlers.has(target.id) && this.isInHandler(call)) {
          this.handlers.add(target.id);
          added = true;
        }
      }
      if (!added) {
        break;
      }
    }
  }

  /** True when `node` runs as part of handling a request, connection or login (see the file comment). */
  isInHandler(node: Node): boolean {
    for (let current: Node | null = node; current; current = current.parent) {
      if (FUNCTION_TYPES.has(current.type) && this.handlers.has(current.id)) {
        return true;
      }
    }
    return false;
  }

  private isDirectHandler(fn: Node): boolean {
    const parent = fn.parent;
    if (parent?.type === 'arguments' && parent.parent?.type === 'call_expression' && isRegistrationCall(parent.parent)) {
      return true;
    }
    if (parent?.type === 'pair' && HANDLER_KEYS.has(propertyKeyName(parent.childForFieldName('key')) ?? '')) {
      return true;
    }
    if (fn.type === 'method_definition') {
      const owner = owningClass(fn);
      if (owner && isNestSingletonClass(owner)) {
        return true;
      }
    }
    return hasRequestLikeFirstParameter(fn);
  }
}

function isModuleLevelFunction(fn: Node): boolean {
  let statement: Node | null = fn;
  if (fn.parent?.type === 'variable_declarator') {
    statement = fn.parent.parent;
  }
  if (statement?.parent?.type === 'export_statement') {
    statement = statement.parent;
  }
  return statement?.parent?.type === 'program';
}

const SCOPE_BLOCKS = new Set(['statement_block', 'class_body', 'switch_body']);

/**
 * True when `name`, used at `node`, refers to something declared between `node` and the module scope (a parameter
 * or a local variable/function/class), i.e. NOT to the module-level declaration of the same name.
 */
export function isShadowed(node: Node, name: string): boolean {
  for (let current = node.parent; current && current.type !== 'program'; current = current.parent) {
    if (FUNCTION_TYPES.has(current.type) && parameterNames(current).includes(name)) {
      return true;
    }
    if (current.type === 'catch_clause') {
      const parameter = current.childForFieldName('parameter');
      if (parameter?.text === name) {
        return true;
      }
    }
    if (current.type === 'for_in_statement' || current.type === 'for_statement') {
      const left = current.childForFieldName('left') ?? current.childForFieldName('initializer');
      if (left && declaresName(left, name)) {
        return true;
      }
    }
    if (SCOPE_BLOCKS.has(current.type)) {
      for (const statement of namedChildren(current)) {
        if (declaresName(statement, name)) {
          return true;
        }
      }
    }
  }
  return false;
}

function declaresName(statement: Node, name: string): boolean {
  if (statement.type === 'lexical_declaration' || statement.type === 'variable_declaration') {
    return namedChildren(statement).some((declarator) => {
      const declared = declarator.type === 'variable_declarator' ? declarator.childForFieldName('name') : undefined;
      if (!declared) {
        return false;
      }
      return declared.type === 'identifier' ? declared.text === name : collect(declared, ['identifier', 'shorthand_property_identifier_pattern']).some((id) => id.text === name);
    });
  }
  if (statement.type === 'function_declaration' || statement.type === 'class_declaration' || statement.type === 'generator_function_declaration') {
    return statement.childForFieldName('name')?.text === name;
  }
  if (statement.type === 'identifier') {
    return statement.text === name;
  }
  return false;
}
