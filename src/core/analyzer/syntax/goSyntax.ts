// Go helpers over tree-sitter trees: imports (alias → path), test files, HTTP handler signatures and the functions
// a handler calls in the same file. Like the JS and Python helpers, they never climb `node.parent` (each lookup
// descends from the root) and never search a subtree per call site: enclosing functions and declarations in scope
// are found by comparing byte ranges against node lists gathered once per tree ({@link GoTreeIndex}, goTreeIndex.ts).

import type { Node } from '@vscode/tree-sitter-wasm';
import type { LanguageSyntax } from './languageSyntax';
import { declaredTypes, goReceiver, GoTreeIndex } from './goTreeIndex';
import { HANDLER_CALL_DEPTH, reachableFrom } from './reachable';
import { collect, namedChildren } from './tree';

/** Local package name → import path, for every import of the file (dot and blank imports skipped). */
export function goImports(root: Node): Map<string, string> {
  const imports = new Map<string, string>();
  for (const spec of collect(root, ['import_spec'])) {
    const path = spec.childForFieldName('path')?.text.replace(/^["`]|["`]$/g, '');
    if (!path) {
      continue;
    }
    const alias = spec.childForFieldName('name');
    if (alias && (alias.type === 'dot' || alias.type === 'blank_identifier' || alias.text === '.' || alias.text === '_')) {
      continue;
    }
    imports.set(alias ? alias.text : defaultPackageName(path), path);
  }
  return imports;
}

/** The package name Go gives an import without alias: the last path element, skipping a `/vN` major-version suffix. */
export function defaultPackageName(path: string): string {
  const segments = path.split('/');
  let last = segments[segments.length - 1] ?? path;
  if (/^v\d+$/.test(last) && segments.length > 1) {
    last = segments[segments.length - 2];
  }
  return last.replace(/\.v\d+$/, '').replace(/^go-/, '');
}

/** Local names under which the file imports a package whose path satisfies `matches`. */
export function goAliasesFor(imports: ReadonlyMap<string, string>, matches: (path: string) => boolean): Set<string> {
  const aliases = new Set<string>();
  for (const [alias, path] of imports) {
    if (matches(path)) {
      aliases.add(alias);
    }
  }
  return aliases;
}

/** True for test code: an external test package (`package x_test`) or a file importing "testing". */
export function goIsTestSource(root: Node, imports: ReadonlyMap<string, string>): boolean {
  const packageName = namedChildren(root).find((node) => node.type === 'package_clause')?.text ?? '';
  return /_test\s*$/.test(packageName) || [...imports.values()].includes('testing');
}

/** A type as (import path, name), e.g. `*gin.Context` → ["github.com/gin-gonic/gin", "Context"]; pointers dropped. */
export function goQualifiedType(type: Node | null, imports: ReadonlyMap<string, string>): [string, string] | undefined {
  let current = type;
  while (current && current.type === 'pointer_type') {
    current = namedChildren(current)[0] ?? null;
  }
  if (!current || current.type !== 'qualified_type') {
    return undefined;
  }
  const pkg = current.childForFieldName('package')?.text ?? '';
  const name = current.childForFieldName('name')?.text ?? '';
  return [imports.get(pkg) ?? pkg, name];
}

const isGin = (path: string): boolean => path === 'github.com/gin-gonic/gin' || path === 'gin';
const isFiber = (path: string): boolean => /^github\.com\/gofiber\/fiber(\/v\d+)?$/.test(path) || path === 'fiber';
const isEcho = (path: string): boolean => /^github\.com\/labstack\/echo(\/v\d+)?$/.test(path) || path === 'echo';
const isNetHttp = (path: string): boolean => path === 'net/http' || path === 'http';

/**
 * The web framework whose handler signature a function has: `(w http.ResponseWriter, r *http.Request)` → "net/http",
 * `*gin.Context` → "Gin", `*fiber.Ctx`/`fiber.Ctx` → "Fiber", `echo.Context` → "Echo"; undefined otherwise.
 */
export function goHandlerFramework(fn: Node, imports: ReadonlyMap<string, string>): string | undefined {
  const parameters = fn.childForFieldName('parameters');
  if (!parameters) {
    return undefined;
  }
  let responseWriter = false;
  let request = false;
  for (const parameter of namedChildren(parameters)) {
    const type = goQualifiedType(parameter.childForFieldName('type'), imports);
    if (!type) {
      continue;
    }
    const [path, name] = type;
    if (isGin(path) && name === 'Context') {
      return 'Gin';
    }
    if (isFiber(path) && name === 'Ctx') {
      return 'Fiber';
    }
    if (isEcho(path) && name === 'Context') {
      return 'Echo';
    }
    if (isNetHttp(path)) {
      responseWriter ||= name === 'ResponseWriter';
      request ||= name === 'Request';
    }
  }
  return responseWriter && request ? 'net/http' : undefined;
}

/** The method receiver in scope at a node: its own (for a method) or that of the enclosing method. */
export function goEnclosingReceiver(fn: Node): { readonly name: string; readonly type: string } | undefined {
  return GoTreeIndex.of(fn).receiverAround(fn);
}

/** A reachable function and the framework of the handler it was reached from. */
export interface GoReachedFunction {
  readonly node: Node;
  readonly framework: string;
  /** The handler's label (see {@link goFunctionLabel}), or undefined for a handler func literal. */
  readonly handlerName: string | undefined;
}

/**
 * Handler functions plus every function of the file they call ({@link reachableFrom}): plain calls to top-level functions
 * (`createSession(...)`), calls through the receiver to methods of the same type (`s.store(...)`), and method calls
 * on variables whose struct type the file shows (`store.Create(...)` with `var store = &SessionStore{}`, or a
 * parameter `hub *Hub`). Each reached function scans the calls in its byte range (a slice of the file's call list, each
 * call taken apart once), so the work is linear in the file except for handler literals nested in handlers, whose
 * calls are scanned once per enclosing reached function.
 */
export function goReachableFromHandlers(root: Node, imports: ReadonlyMap<string, string>): GoReachedFunction[] {
  const index = GoTreeIndex.of(root);
  const functions = index.functions;
  const topLevel = new Map<string, Node>();
  const methods = new Map<string, Node>();
  for (const fn of functions) {
    const name = fn.childForFieldName('name')?.text;
    if (!name) {
      continue;
    }
    if (fn.type === 'function_declaration') {
      topLevel.set(name, fn);
    } else if (fn.type === 'method_declaration') {
      const receiver = goReceiver(fn);
      if (receiver) {
        methods.set(`${receiver.type}.${name}`, fn);
      }
    }
  }
  const packageTypes = goPackageVariableTypes(root);
  const handlers = functions.flatMap((fn): GoReachedFunction[] => {
    const framework = goHandlerFramework(fn, imports);
    return framework ? [{ node: fn, framework, handlerName: goFunctionLabel(fn) }] : [];
  });
  const callees = (item: GoReachedFunction): GoReachedFunction[] => {
    const body = item.node.childForFieldName('body');
    if (!body) {
      return [];
    }
    const receiver = index.receiverAround(item.node);
    const fnStart = item.node.startIndex;
    const fnEnd = item.node.endIndex;
    const targets: GoReachedFunction[] = [];
    for (const call of index.callsWithin(body)) {
      const { calleeName, operandName, fieldName } = index.call(call);
      let target: Node | undefined;
      if (calleeName !== undefined) {
        target = topLevel.get(calleeName);
      } else if (operandName !== undefined) {
        const type = receiver && operandName === receiver.name ? receiver.type : variableType(index, operandName, call, fnStart, fnEnd, packageTypes);
        target = type ? methods.get(`${type}.${fieldName}`) : undefined;
      }
      if (target) {
        targets.push({ node: target, framework: item.framework, handlerName: item.handlerName });
      }
    }
    return targets;
  };
  return reachableFrom(handlers, callees, HANDLER_CALL_DEPTH, (item) => item.node.id);
}

/** A function node as code, `name()`, or undefined for a func literal (messages then describe it in words). */
export function goFunctionLabel(fn: Node): string | undefined {
  const name = fn.childForFieldName('name')?.text;
  return name ? `${name}()` : undefined;
}

/**
 * Names a function declares (parameters, receiver, `:=` and `var` declarations, range variables), which shadow
 * package-level variables of the same name inside it.
 */
export function goLocalNames(fn: Node): Set<string> {
  return GoTreeIndex.of(fn).localNamesWithin(fn);
}


/** Named struct types of package-level variables (`var store = &SessionStore{...}`, `var hub Hub`). */
export function goPackageVariableTypes(root: Node): Map<string, string> {
  const types = new Map<string, string>();
  for (const declaration of namedChildren(root).filter((node) => node.type === 'var_declaration')) {
    for (const spec of collect(declaration, ['var_spec'])) {
      for (const [name, type] of declaredTypes(spec)) {
        types.set(name, type);
      }
    }
  }
  return types;
}

/**
 * The named type of a shared value `name` where `at` (inside the reached function `fn`) uses it: a parameter of an
 * enclosing function, a composite-literal local of a function enclosing `fn` (a closure over a value built once, as
 * in `main`), else a package-level variable. A value built inside `fn` itself is fresh per call and gives undefined,
 * as does anything the file does not show.
 */
export function goVariableType(name: string, at: Node, fn: Node, packageTypes: ReadonlyMap<string, string>): string | undefined {
  return variableType(GoTreeIndex.of(at), name, at, fn.startIndex, fn.endIndex, packageTypes);
}

/** {@link goVariableType} with the reached function given by its byte range. */
function variableType(index: GoTreeIndex, name: string, at: Node, fnStart: number, fnEnd: number, packageTypes: ReadonlyMap<string, string>): string | undefined {
  const around = index.typedDeclarationAround(name, at);
  if (around) {
    const builtPerCall = !around.declaration.isParameter && around.scopeStart >= fnStart && around.scopeEnd <= fnEnd;
    return builtPerCall ? undefined : around.declaration.type;
  }
  return packageTypes.get(name);
}

/** Go as the detectors see it (see languageSyntax.ts). */
export const GO_SYNTAX: LanguageSyntax = {
  language: 'go',
  isTestSource: (root) => goIsTestSource(root, goImports(root)),
  localNames: goLocalNames,
  invokedName: (call) => {
    const { calleeName, fieldName } = GoTreeIndex.of(call).call(call);
    return calleeName ?? fieldName;
  },
};
