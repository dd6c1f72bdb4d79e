// Java helpers over tree-sitter trees: annotations and modifiers, class roles (controller, servlet, singleton bean,
// per-connection endpoint), request-handler methods and the "is this test code" check.

import type { Node } from '@vscode/tree-sitter-wasm';
import type { LanguageSyntax } from './languageSyntax';
import { collect, namedChildren } from './tree';
import { HANDLER_CALL_DEPTH, reachableFrom } from './reachable';

/** The `modifiers` child of a class, method or field declaration, if any. */
export function javaModifiers(declaration: Node): Node | undefined {
  return namedChildren(declaration).find((child) => child.type === 'modifiers');
}

/** The annotation nodes on a declaration (in its `modifiers`). */
export function javaAnnotations(declaration: Node): Node[] {
  const modifiers = javaModifiers(declaration);
  return modifiers ? namedChildren(modifiers).filter((child) => child.type === 'marker_annotation' || child.type === 'annotation') : [];
}

/** Simple names of the annotations on a declaration: `@org.x.Service` and `@Service("x")` both give "Service". */
export function javaAnnotationNames(declaration: Node): string[] {
  return javaAnnotations(declaration).map((annotation) => lastSegment(annotation.childForFieldName('name')?.text ?? ''));
}

/** True when the declaration carries the keyword modifier (`static`, `final`, `public`, ...). */
export function javaHasModifier(declaration: Node, keyword: string): boolean {
  const modifiers = javaModifiers(declaration);
  return modifiers !== undefined && modifiers.children.some((child) => child !== null && !child.isNamed && child.type === keyword);
}

/** Simple names of the superclass and implemented interfaces of a class (type arguments dropped). */
export function javaSuperTypeNames(classNode: Node): string[] {
  const names: string[] = [];
  const superclass = classNode.childForFieldName('superclass');
  const interfaces = classNode.childForFieldName('interfaces');
  for (const holder of [superclass, interfaces]) {
    if (!holder) {
      continue;
    }
    for (const type of outerTypeNodes(holder)) {
      names.push(lastSegment(type.text));
    }
  }
  return names;
}

const TYPE_NAME_NODES = new Set(['type_identifier', 'scoped_type_identifier']);
/** Parents whose type names are parts of another type name: `a.B` in `a.B.C`, `T` in `Map<K, T>`. */
const INNER_TYPE_PARENTS = new Set(['scoped_type_identifier', 'type_arguments']);

/**
 * The type names under `holder` (document order) that are not a qualifier or type argument of another type name.
 * Walks down with each node's parent type at hand rather than asking `node.parent` (which descends from the root each
 * time, so deeply nested classes made it quadratic).
 */
function outerTypeNodes(holder: Node): Node[] {
  const found: Node[] = [];
  const pending: Array<readonly [Node, string]> = [];
  const pushChildren = (node: Node): void => {
    const children = namedChildren(node);
    for (let index = children.length - 1; index >= 0; index--) {
      pending.push([children[index], node.type]);
    }
  };
  if (TYPE_NAME_NODES.has(holder.type)) {
    found.push(holder);
  }
  pushChildren(holder);
  for (let next = pending.pop(); next; next = pending.pop()) {
    const [node, parentType] = next;
    if (TYPE_NAME_NODES.has(node.type) && !INNER_TYPE_PARENTS.has(parentType)) {
      found.push(node);
    }
    pushChildren(node);
  }
  return found;
}

/** The simple name of a type node with its type arguments removed: `java.util.Map<K, V>` → "Map". */
export function javaRawTypeName(type: Node | null): string | undefined {
  if (!type) {
    return undefined;
  }
  if (type.type === 'generic_type') {
    const base = namedChildren(type).find((child) => child.type === 'type_identifier' || child.type === 'scoped_type_identifier');
    return base ? lastSegment(base.text) : undefined;
  }
  if (type.type === 'type_identifier' || type.type === 'scoped_type_identifier') {
    return lastSegment(type.text);
  }
  return undefined;
}

/** What a class is to the container that runs it, which decides whether its instance fields are shared. */
export type JavaClassRole =
  /** A Spring bean or servlet: one instance serves every request, so instance fields are process-wide. */
  | 'singleton'
  /** A Jakarta `@ServerEndpoint`: one instance per connection, so only static fields are shared. */
  | 'per-connection'
  /** Anything else: only static fields are certainly shared. */
  | 'plain';

const SINGLETON_ANNOTATIONS = new Set(['Service', 'Component', 'RestController', 'Controller']);
const SINGLETON_SUPERTYPES = new Set([
  'HttpServlet', 'GenericServlet', 'TextWebSocketHandler', 'BinaryWebSocketHandler', 'AbstractWebSocketHandler', 'WebSocketHandler',
]);

/** The role of a class from its annotations and supertypes. */
export function javaClassRole(classNode: Node): JavaClassRole {
  const annotations = javaAnnotationNames(classNode);
  if (annotations.includes('ServerEndpoint')) {
    return 'per-connection';
  }
  if (annotations.some((name) => SINGLETON_ANNOTATIONS.has(name))) {
    return 'singleton';
  }
  return javaSuperTypeNames(classNode).some((name) => SINGLETON_SUPERTYPES.has(name)) ? 'singleton' : 'plain';
}

/** The framework a class's handlers belong to, for finding messages. */
export function javaFrameworkOf(classNode: Node): string {
  const annotations = javaAnnotationNames(classNode);
  const supertypes = javaSuperTypeNames(classNode);
  if (annotations.includes('ServerEndpoint')) {
    return 'Jakarta WebSocket';
  }
  if (supertypes.some((name) => name === 'HttpServlet' || name === 'GenericServlet')) {
    return 'Servlet';
  }
  if (supertypes.some((name) => name.endsWith('WebSocketHandler'))) {
    return 'Spring WebSocket';
  }
  if (annotations.includes('Path')) {
    return 'JAX-RS';
  }
  return 'Spring';
}

const HANDLER_ANNOTATIONS = new Set([
  'GetMapping', 'PostMapping', 'PutMapping', 'DeleteMapping', 'PatchMapping', 'RequestMapping', 'MessageMapping', 'SubscribeMapping',
  'OnOpen', 'OnMessage', 'OnClose', 'GET', 'POST', 'PUT', 'DELETE', 'PATCH', 'Path',
]);
const SERVLET_METHODS = new Set(['doGet', 'doPost', 'doPut', 'doDelete', 'doPatch', 'service']);
const WEBSOCKET_HANDLER_METHODS = new Set([
  'afterConnectionEstablished', 'afterConnectionClosed', 'handleMessage', 'handleTextMessage', 'handleBinaryMessage', 'handlePongMessage',
]);
/** Bean methods that run once at start-up: a map filled there is configuration, not per-user state. */
const LIFECYCLE_ANNOTATIONS = new Set(['PostConstruct', 'Bean', 'PreDestroy', 'Scheduled', 'EventListener']);

/**
 * True for a method the framework calls per request or per connection message: a Spring/JAX-RS mapping, a servlet
 * `doGet`/`doPost`, a Jakarta WebSocket callback or a Spring `WebSocketHandler` callback. In a `@Service`/`@Component`
 * bean every method other than lifecycle callbacks counts, since controllers call them per request.
 */
export function javaIsHandlerMethod(method: Node, classNode: Node): boolean {
  const annotations = javaAnnotationNames(method);
  if (annotations.some((name) => HANDLER_ANNOTATIONS.has(name))) {
    return true;
  }
  const name = method.childForFieldName('name')?.text ?? '';
  const supertypes = javaSuperTypeNames(classNode);
  if (SERVLET_METHODS.has(name) && supertypes.some((type) => type === 'HttpServlet' || type === 'GenericServlet')) {
    return true;
  }
  if (WEBSOCKET_HANDLER_METHODS.has(name) && supertypes.some((type) => type.endsWith('WebSocketHandler'))) {
    return true;
  }
  const classAnnotations = javaAnnotationNames(classNode);
  if (classAnnotations.includes('Service') || classAnnotations.includes('Component')) {
    return !javaHasModifier(method, 'static') && !annotations.some((annotation) => LIFECYCLE_ANNOTATIONS.has(annotation));
  }
  return false;
}

const TEST_IMPORT_PREFIXES = ['org.junit', 'org.testng', 'org.mockito', 'org.assertj', 'org.springframework.boot.test', 'org.springframework.test', 'io.restassured'];
const TEST_ANNOTATIONS = new Set(['Test', 'ParameterizedTest', 'RepeatedTest', 'TestFactory', 'SpringBootTest', 'WebMvcTest']);

/** True when the compilation unit is test code: it imports a test framework or declares `@Test` methods. */
export function javaIsTestSource(root: Node): boolean {
  for (const declaration of namedChildren(root)) {
    if (declaration.type === 'import_declaration') {
      const imported = declaration.text.replace(/^import\s+(static\s+)?/, '');
      if (TEST_IMPORT_PREFIXES.some((prefix) => imported.startsWith(prefix))) {
        return true;
      }
    }
  }
  return collect(root, ['marker_annotation', 'annotation']).some((annotation) => {
    const name = annotation.childForFieldName('name');
    return name !== null && TEST_ANNOTATIONS.has(lastSegment(name.text));
  });
}

/** The methods of a class body (not of nested classes). */
export function javaMethodsOf(classNode: Node): Node[] {
  const body = classNode.childForFieldName('body');
  return body ? namedChildren(body).filter((member) => member.type === 'method_declaration') : [];
}

/**
 * The handler methods of a class plus every method of the same class they call without a receiver or through `this`,
 * transitively ({@link reachableFrom}): a handler that delegates to a private helper still writes from a request.
 */
export function javaReachableHandlers(classNode: Node): Node[] {
  const methods = javaMethodsOf(classNode);
  const byName = new Map<string, Node[]>();
  for (const method of methods) {
    const name = method.childForFieldName('name')?.text;
    if (name) {
      byName.set(name, [...(byName.get(name) ?? []), method]);
    }
  }
  const handlers = methods.filter((method) => javaIsHandlerMethod(method, classNode));
  const callees = (method: Node): Node[] => {
    const body = method.childForFieldName('body');
    const targets: Node[] = [];
    for (const call of body ? collect(body, ['method_invocation']) : []) {
      const object = call.childForFieldName('object');
      if (object && object.type !== 'this') {
        continue;
      }
      const callee = call.childForFieldName('name')?.text;
      targets.push(...(callee ? (byName.get(callee) ?? []) : []));
    }
    return targets;
  };
  return reachableFrom(handlers, callees, HANDLER_CALL_DEPTH);
}

/** Names declared inside a method (parameters, locals, lambda and catch parameters), which shadow fields. */
export function javaLocalNames(method: Node): Set<string> {
  const names = new Set<string>();
  for (const declarator of collect(method, ['formal_parameter', 'spread_parameter', 'variable_declarator', 'catch_formal_parameter', 'inferred_parameters', 'lambda_expression'])) {
    if (declarator.type === 'lambda_expression') {
      const parameters = declarator.childForFieldName('parameters');
      if (parameters?.type === 'identifier') {
        names.add(parameters.text);
      }
      continue;
    }
    if (declarator.type === 'inferred_parameters') {
      for (const identifier of namedChildren(declarator)) {
        names.add(identifier.text);
      }
      continue;
    }
    const name = declarator.childForFieldName('name') ?? namedChildren(declarator).find((child) => child.type === 'identifier');
    if (name) {
      names.add(name.text);
    }
  }
  return names;
}

/** The last dotted segment of a qualified name. */
export function lastSegment(name: string): string {
  const dot = name.lastIndexOf('.');
  return dot >= 0 ? name.slice(dot + 1) : name;
}

/** Java as the detectors see it (see languageSyntax.ts). */
export const JAVA_SYNTAX: LanguageSyntax = {
  language: 'java',
  isTestSource: javaIsTestSource,
  localNames: javaLocalNames,
  invokedName: (call) => (call.type === 'method_invocation' ? call.childForFieldName('name')?.text : undefined),
};
