// Python helpers over tree-sitter trees: imports, "is this server code", string literals, handlers and scopes.
//
// A function counts as a handler when it is
//   - decorated as a route/event (`@app.route`, `@app.get`, `@router.post`, `@bp.before_request`, `@sio.on`,
//     `@sio.event`, `@socketio.on`, `@app.websocket`, `@api_view`, `@login_required`, `@require_POST`, ...);
//   - declared with a request-like first parameter (`request`, `req`, `websocket`, `ws`, `sid`; `self` skipped) or
//     any parameter annotated `Request`/`WebSocket`/`HttpRequest` — Django views, aiohttp and python-socketio;
//   - a method of a class-based view / consumer / handler (`View`, `APIView`, `ViewSet`, `HTTPEndpoint`,
//     `WebsocketConsumer`, `RequestHandler`, `Namespace`, `Resource`, `MethodView` bases);
//   - registered by name (`add_url_rule(..., view_func=login)`, `router.add_get('/', handler)`, `sio.on('x', f)`),
//     named like a login (`login`, `sign_in`, `authenticate`), or a module-level function called from a handler.

import type { Node } from '@vscode/tree-sitter-wasm';
import { isServerModuleOf } from '../languages';
import { isLoginLikeName } from './keywords';
import { collect, HandlerFunctions, namedChildren, perTree, RangeSet } from './tree';

/** The node types the Python helpers and detectors ask of whole trees (registered by the analyzer, grammarPreloads.ts). */
export const PYTHON_PRELOAD_TYPES: readonly string[] = ['call', 'decorated_definition', 'function_definition', 'lambda', 'class_definition', 'assignment', 'augmented_assignment', 'keyword_argument', 'pair', 'import_statement', 'import_from_statement'];

/** What the Python detectors need to know about a module. */
export interface PythonModuleInfo {
  /** Imported module names (`import a.b` → "a.b"; `from a.b import c` → "a.b"; relative imports omitted). */
  readonly modules: ReadonlySet<string>;
  /** Local name → "module.name" for `from module import name [as local]` and `import module [as local]`. */
  readonly bindings: ReadonlyMap<string, string>;
  readonly isServer: boolean;
  /** The web framework the file uses, for finding metadata ("flask", "django", "fastapi", ..., or "python"). */
  readonly framework: string;
}

const FRAMEWORKS = ['django', 'fastapi', 'flask', 'starlette', 'aiohttp', 'tornado', 'sanic', 'quart', 'socketio'];

const moduleInfoOf = perTree((tree) => computeModuleInfo(tree.rootNode));

/** Collects imports and decides whether the file is server code (computed once per tree). */
export function analyzePythonModule(root: Node): PythonModuleInfo {
  return moduleInfoOf(root.tree);
}

function computeModuleInfo(root: Node): PythonModuleInfo {
  const modules = new Set<string>();
  const bindings = new Map<string, string>();
  for (const statement of collect(root, ['import_statement', 'import_from_statement'])) {
    if (statement.type === 'import_statement') {
      for (const name of namedChildren(statement)) {
        const dotted = name.type === 'aliased_import' ? name.childForFieldName('name') : name;
        const alias = name.type === 'aliased_import' ? name.childForFieldName('alias') : undefined;
        if (dotted?.type === 'dotted_name') {
          modules.add(dotted.text);
          bindings.set((alias ?? dotted).text.split('.')[0], dotted.text);
        }
      }
      continue;
    }
    const moduleNode = statement.childForFieldName('module_name');
    if (!moduleNode || moduleNode.type === 'relative_import') {
      continue;
    }
    modules.add(moduleNode.text);
    for (const name of statement.childrenForFieldName('name')) {
      if (!name) {
        continue;
      }
      const imported = name.type === 'aliased_import' ? name.childForFieldName('name') : name;
      const alias = name.type === 'aliased_import' ? name.childForFieldName('alias') : undefined;
      if (imported) {
        bindings.set((alias ?? imported).text, `${moduleNode.text}.${imported.text}`);
      }
    }
  }
  const roots = [...modules].map((module) => module.split('.')[0]);
  const isServer = roots.some((root) => isServerModuleOf('python', root)) || modules.has('http.server');
  const framework = FRAMEWORKS.find((name) => roots.includes(name)) ?? (roots.includes('flask_socketio') ? 'flask' : 'python');
  return { modules, bindings, isServer, framework };
}

/** The value of a string literal without interpolation (f-strings with `{}` parts give undefined). */
export function pythonString(node: Node | null | undefined): string | undefined {
  if (!node || node.type !== 'string') {
    return undefined;
  }
  const parts = namedChildren(node);
  if (parts.some((part) => part.type === 'interpolation')) {
    return undefined;
  }
  const start = parts.find((part) => part.type === 'string_start');
  const end = parts.find((part) => part.type === 'string_end');
  if (!start || !end) {
    return undefined;
  }
  return node.text.slice(start.text.length, node.text.length - end.text.length);
}

/** Top-level `name = value` (and `name: T = value`) statements, in order. */
export function moduleAssignments(root: Node): Array<{ name: string; value: Node; statement: Node; assignment: Node }> {
  const result: Array<{ name: string; value: Node; statement: Node; assignment: Node }> = [];
  for (const statement of namedChildren(root)) {
    if (statement.type !== 'expression_statement') {
      continue;
    }
    const assignment = namedChildren(statement)[0];
    if (assignment?.type !== 'assignment') {
      continue;
    }
    const left = assignment.childForFieldName('left');
    const value = assignment.childForFieldName('right');
    if (left?.type === 'identifier' && value) {
      result.push({ name: left.text, value, statement, assignment });
    }
  }
  return result;
}

/** The value for key `key` in a dict literal (`{"key": value}`), or undefined. */
export function dictValue(dictionary: Node, key: string): Node | undefined {
  for (const pair of namedChildren(dictionary)) {
    if (pair.type === 'pair' && pythonString(pair.childForFieldName('key')) === key) {
      return pair.childForFieldName('value') ?? undefined;
    }
  }
  return undefined;
}

/** `a.b.c` → "c"; `c` → "c"; a call's callee name the same way. */
export function lastName(node: Node | null | undefined): string | undefined {
  if (!node) {
    return undefined;
  }
  if (node.type === 'call') {
    return lastName(node.childForFieldName('function'));
  }
  if (node.type === 'attribute') {
    return node.childForFieldName('attribute')?.text;
  }
  if (node.type === 'identifier') {
    return node.text;
  }
  if (node.type === 'subscript') {
    return lastName(node.childForFieldName('value'));
  }
  return undefined;
}

const ROUTE_DECORATORS = new Set([
  'route', 'get', 'post', 'put', 'patch', 'delete', 'head', 'options', 'websocket', 'api_route', 'websocket_route',
  'on', 'event', 'before_request', 'before_app_request', 'after_request', 'middleware', 'api_view',
  'login_required', 'require_http_methods', 'require_POST', 'require_GET', 'require_safe', 'csrf_exempt', 'view_config',
]);
const REGISTRATION_CALLS = new Set(['add_url_rule', 'add_get', 'add_post', 'add_put', 'add_delete', 'add_route', 'add_api_route', 'add_websocket_route', 'on', 'on_event', 'route']);
const REQUEST_PARAMETERS = new Set(['request', 'req', 'websocket', 'ws', 'sid']);
const REQUEST_ANNOTATION = /(^|\.)(Request|WebSocket|HttpRequest|WSGIRequest|ASGIRequest|BaseRequest)$/;
const HANDLER_BASES = /(View|ViewSet|APIView|Endpoint|Consumer|RequestHandler|WebSocketHandler|Namespace|Resource|MethodView)\b/;

function parameters(fn: Node): Array<{ name: string; annotation: string | undefined }> {
  const list = fn.childForFieldName('parameters');
  const result: Array<{ name: string; annotation: string | undefined }> = [];
  for (const parameter of list ? namedChildren(list) : []) {
    if (parameter.type === 'identifier') {
      result.push({ name: parameter.text, annotation: undefined });
    } else if (parameter.type === 'typed_parameter' || parameter.type === 'typed_default_parameter' || parameter.type === 'default_parameter') {
      const name = parameter.childForFieldName('name') ?? namedChildren(parameter).find((child) => child.type === 'identifier');
      const annotation = parameter.childForFieldName('type');
      if (name) {
        result.push({ name: name.text, annotation: annotation?.text });
      }
    }
  }
  return result;
}

/** The names a function's parameters bind. */
export function parameterNames(fn: Node): string[] {
  return parameters(fn).map((parameter) => parameter.name);
}

/** Function definitions with the decorators around them (`@app.route(...)` sits on a decorated_definition). */
function functionsWithDecorators(root: Node): Array<{ fn: Node; decorators: string[] }> {
  const decoratedIds = new Map<number, string[]>();
  for (const decorated of collect(root, ['decorated_definition'])) {
    const definition = decorated.childForFieldName('definition');
    if (definition) {
      decoratedIds.set(
        definition.id,
        namedChildren(decorated)
          .filter((child) => child.type === 'decorator')
          .map((decorator) => lastName(namedChildren(decorator)[0]) ?? ''),
      );
    }
  }
  return collect(root, ['function_definition']).map((fn) => ({ fn, decorators: decoratedIds.get(fn.id) ?? [] }));
}

/** The function definitions directly in a block (decorated or not): module functions, class methods. */
function blockFunctions(block: Node): Node[] {
  return namedChildren(block)
    .map((statement) => (statement.type === 'decorated_definition' ? statement.childForFieldName('definition') : statement))
    .filter((statement): statement is Node => statement?.type === 'function_definition');
}

/** Function-level facts for one Python file; queries compare byte ranges (no parent walks). */
export class PythonHandlerIndex {
  private readonly handlers = new HandlerFunctions();

  constructor(root: Node) {
    const calls = collect(root, ['call']);
    const registered = new Set<string>();
    for (const call of calls) {
      if (!REGISTRATION_CALLS.has(lastName(call.childForFieldName('function')) ?? '')) {
        continue;
      }
      const args = call.childForFieldName('arguments');
      for (const argument of args ? namedChildren(args) : []) {
        const value = argument.type === 'keyword_argument' ? argument.childForFieldName('value') : argument;
        if (value?.type === 'identifier' || value?.type === 'attribute') {
          registered.add(lastName(value) ?? '');
        }
      }
    }
    for (const classNode of collect(root, ['class_definition'])) {
      const bases = classNode.childForFieldName('superclasses');
      const body = classNode.childForFieldName('body');
      if (bases && body && HANDLER_BASES.test(bases.text)) {
        blockFunctions(body).forEach((method) => this.add(method));
      }
    }
    for (const { fn, decorators } of functionsWithDecorators(root)) {
      const name = fn.childForFieldName('name')?.text ?? '';
      if (registered.has(name) || isLoginLikeName(name) || decorators.some((decorator) => ROUTE_DECORATORS.has(decorator)) || hasRequestParameter(fn)) {
        this.add(fn);
      }
    }
    const moduleFunctions = new Map(blockFunctions(root).map((fn) => [fn.childForFieldName('name')?.text ?? '', fn]));
    this.handlers.addCalledHelpers(
      calls.flatMap((call) => {
        const callee = call.childForFieldName('function');
        const target = callee?.type === 'identifier' ? moduleFunctions.get(callee.text) : undefined;
        return target ? [{ node: call, target }] : [];
      }),
    );
  }

  /** True when `node` runs while handling a request, connection or login (see the file comment). */
  isInHandler(node: Node): boolean {
    return this.handlers.contains(node);
  }

  private add(fn: Node): void {
    this.handlers.add(fn);
  }
}

function hasRequestParameter(fn: Node): boolean {
  const params = parameters(fn).filter((parameter, index) => !(index === 0 && (parameter.name === 'self' || parameter.name === 'cls')));
  if (params.length > 0 && REQUEST_PARAMETERS.has(params[0].name)) {
    return true;
  }
  return params.some((parameter) => parameter.annotation !== undefined && REQUEST_ANNOTATION.test(parameter.annotation));
}

const NESTED_SCOPES = new Set(['function_definition', 'lambda', 'class_definition']);

/**
 * Answers "is `name` here local to an enclosing function?" (a parameter, or assigned in the function without
 * `global name`), i.e. NOT the module-level variable. Scopes are collected once per name.
 */
export class PythonScopes {
  private readonly scopes = new Map<string, RangeSet>();

  constructor(private readonly root: Node) {}

  isShadowed(node: Node, name: string): boolean {
    let ranges = this.scopes.get(name);
    if (!ranges) {
      ranges = new RangeSet();
      for (const fn of collect(this.root, ['function_definition', 'lambda'])) {
        if (bindsLocally(fn, name)) {
          ranges.add(fn.startIndex, fn.endIndex);
        }
      }
      this.scopes.set(name, ranges);
    }
    return ranges.contains(node);
  }
}

function bindsLocally(fn: Node, name: string): boolean {
  if (parameterNames(fn).includes(name)) {
    return true;
  }
  const body = fn.childForFieldName('body');
  if (!body) {
    return false;
  }
  let declaredGlobal = false;
  let assigned = false;
  const pending: Node[] = namedChildren(body);
  while (pending.length > 0) {
    const statement = pending.pop()!;
    if (NESTED_SCOPES.has(statement.type)) {
      continue;
    }
    if ((statement.type === 'global_statement' || statement.type === 'nonlocal_statement') && namedChildren(statement).some((id) => id.text === name)) {
      declaredGlobal = true;
    }
    if (statement.type === 'assignment' || statement.type === 'for_statement' || statement.type === 'augmented_assignment') {
      const target = statement.childForFieldName('left');
      if (target && bindsName(target, name)) {
        assigned = true;
      }
    }
    pending.push(...namedChildren(statement));
  }
  return assigned && !declaredGlobal;
}

function bindsName(target: Node, name: string): boolean {
  if (target.type === 'identifier') {
    return target.text === name;
  }
  if (target.type === 'pattern_list' || target.type === 'tuple_pattern' || target.type === 'list_pattern' || target.type === 'as_pattern') {
    return namedChildren(target).some((child) => bindsName(child, name));
  }
  return false;
}
