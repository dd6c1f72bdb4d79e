// Reads the `store` option of a session middleware call (express-session, @fastify/session). The answer is
// deliberately three-valued: when the options come from somewhere the analyzer cannot see (a spread, a function
// call, an imported config), it answers "unknown" and the detector stays quiet.

import type { Node } from '@vscode/tree-sitter-wasm';
import { assignsProperty, hasSpread, objectProperty, propertyValue, resolveVariable, unwrapExpression } from './jsSyntax';

/** The outcome of inspecting one options argument. */
export type StoreOption =
  /** No store: the middleware falls back to its in-memory default. `object` is the literal to add `store` to. */
  | { readonly kind: 'missing'; readonly object: Node | undefined }
  /** An explicit in-memory store; `property` is the `store` pair or shorthand, `flavour` names the store. */
  | { readonly kind: 'memory'; readonly property: Node; readonly flavour: string }
  /** Some other store (Redis, Mongo, Postgres, ...): nothing to report. */
  | { readonly kind: 'external' }
  /** Options the analyzer cannot see through. */
  | { readonly kind: 'unknown' };

/** Classifies a store expression: a flavour name ("MemoryStore", "memorystore") when it is in-memory. */
export type MemoryStoreClassifier = (expression: Node) => string | undefined;

/** Inspects the options argument (`undefined` when the call has none). */
export function readStoreOption(root: Node, options: Node | undefined, isMemoryStore: MemoryStoreClassifier): StoreOption {
  if (!options) {
    return { kind: 'missing', object: undefined };
  }
  let object = unwrapExpression(options);
  if (object?.type === 'identifier') {
    if (assignsProperty(root, object.text, 'store')) {
      return { kind: 'external' };
    }
    object = resolveVariable(root, object.text);
  }
  if (object?.type !== 'object' || hasSpread(object)) {
    return { kind: 'unknown' };
  }
  const property = objectProperty(object, 'store');
  if (!property) {
    return { kind: 'missing', object };
  }
  const value = propertyValue(property);
  const flavour = value ? classifyThroughVariable(root, value, isMemoryStore) : undefined;
  return flavour !== undefined ? { kind: 'memory', property, flavour } : { kind: 'external' };
}

function classifyThroughVariable(root: Node, value: Node, isMemoryStore: MemoryStoreClassifier): string | undefined {
  const direct = isMemoryStore(value);
  if (direct !== undefined) {
    return direct;
  }
  if (value.type === 'identifier' || value.type === 'shorthand_property_identifier') {
    const resolved = resolveVariable(root, value.text);
    return resolved ? isMemoryStore(resolved) : undefined;
  }
  return undefined;
}
