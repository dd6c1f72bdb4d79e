// How a JS/TS state holder is used, for the state-holder detector (jsStateHolderDetector.ts): what a write keeps
// (a held-open HTTP response, a per-client count) and whether anything reads it back on a later request.
import type { Node } from '@vscode/tree-sitter-wasm';
import { unwrapExpression } from '../syntax/jsSyntax';
import type { JsScopes } from '../syntax/jsScopes';
import { identifierWords } from '../syntax/keywords';
import { contains } from '../syntax/tree';

/** What these checks need of a holder: module-level (`owner` undefined) or a class field. */
export interface HolderShape {
  readonly name: string;
  readonly declaration: Node;
  readonly owner: Node | undefined;
}

/** A response object kept to write to later (server-sent events, long polling) is a connection held open. */
const RESPONSE_WORDS = new Set(['res', 'response', 'resp', 'reply']);
/** Holder names that say "per-client limit" on their own. */
const LIMIT_WORDS = new Set(['rate', 'ratelimit', 'ratelimiter', 'limit', 'limits', 'limiter', 'limiters', 'throttle', 'throttles', 'throttling', 'bucket', 'buckets', 'attempt', 'attempts', 'lockout', 'lockouts', 'tries']);
/** Holder names that say "counting", which is a per-client limit only when the key is the client. */
const COUNT_WORDS = new Set(['hits', 'count', 'counts', 'counter', 'counters', 'requests', 'usage']);
/** Key words that identify the client a counter is for. */
const CLIENT_KEY_WORDS = new Set(['ip', 'ips', 'addr', 'address', 'remote', 'forwarded', 'user', 'userid', 'uid', 'client', 'clientid', 'email', 'token', 'key', 'apikey', 'identifier']);

/** Nodes that open a function body. */
export const FUNCTION_TYPES = new Set(['function_declaration', 'function_expression', 'arrow_function', 'method_definition', 'generator_function_declaration']);

export function enclosingFunction(node: Node): Node | undefined {
  for (let current = node.parent; current; current = current.parent) {
    if (FUNCTION_TYPES.has(current.type)) {
      return current;
    }
  }
  return undefined;
}

/** `export const sessions`, `module.exports = { sessions }`, `exports.sessions`: other modules may read it. */
export function exportsHolder(text: string, holder: HolderShape): boolean {
  if (holder.owner) {
    return false;
  }
  const name = holder.name.replace(/[$]/g, '\\$');
  return holder.declaration.parent?.parent?.type === 'export_statement'
    || new RegExp(`module\\.exports\\s*=\\s*${name}\\b|module\\.exports\\s*=\\s*\\{[^}]*\\b${name}\\b|exports\\.\\w+\\s*=\\s*${name}\\b|export\\s*\\{[^}]*\\b${name}\\b|export\\s+default\\s+${name}\\b`).test(text);
}

/**
 * Every use of the holder (outside its declaration) lies inside a function that writes it and is a write or a
 * `.has()` test, with at least one `.has()`: nothing is ever read back out of it.
 */
export function isUniquenessGuard(root: Node, text: string, holder: HolderShape, writers: readonly Node[], scopes: JsScopes): boolean {
  if (writers.length === 0) {
    return false;
  }
  let tested = false;
  for (const use of usesOf(root, text, holder, scopes)) {
    if (!writers.some((writer) => contains(writer, use))) {
      return false;
    }
    const member = use.parent?.type === 'member_expression' && use.parent.childForFieldName('object')?.id === use.id ? use.parent : undefined;
    const method = member?.childForFieldName('property')?.text;
    if (method === 'has' && member?.parent?.type === 'call_expression') {
      tested = true;
    } else if (!(method && ['add', 'set', 'delete'].includes(method) && member?.parent?.type === 'call_expression')) {
      return false;
    }
  }
  return tested;
}

/**
 * The uses of a holder outside its declaration: `name` for a module-level one (not shadowed), `this.name` inside the
 * owning class for a field. Found from the name's occurrences in the text, one node lookup each: walking every
 * identifier of a 2,000-line file costs more than the rest of the detector.
 */
function usesOf(root: Node, text: string, holder: HolderShape, scopes: JsScopes): Node[] {
  const scope = holder.owner ?? root;
  const name = holder.name;
  const end = scope.endIndex;
  const uses: Node[] = [];
  for (let at = text.indexOf(name, scope.startIndex); at >= 0 && at + name.length <= end; at = text.indexOf(name, at + 1)) {
    if (IDENTIFIER_CHAR.test(text[at - 1] ?? '') || IDENTIFIER_CHAR.test(text[at + name.length] ?? '')) {
      continue;
    }
    const token = root.descendantForIndex(at, at + name.length);
    if (!token || token.startIndex !== at || token.endIndex !== at + name.length) {
      continue;
    }
    if (holder.owner) {
      const member = token.type === 'property_identifier' ? token.parent : null;
      if (member?.type === 'member_expression' && member.childForFieldName('object')?.type === 'this') {
        uses.push(member);
      }
    } else if ((token.type === 'identifier' || token.type === 'shorthand_property_identifier') && !contains(holder.declaration, token) && !scopes.isShadowed(token, name)) {
      uses.push(token);
    }
  }
  return uses;
}

const IDENTIFIER_CHAR = /[\w$]/;

/** A collection named for limiting, or named for counting and keyed by the client it counts. */
export function isClientCounter(name: string, key: Node): boolean {
  const words = identifierWords(name);
  if (words.some((word) => LIMIT_WORDS.has(word))) {
    return true;
  }
  return words.some((word) => COUNT_WORDS.has(word)) && identifierWords(unwrapExpression(key)?.text ?? '').some((word) => CLIENT_KEY_WORDS.has(word));
}

/** `res`, `response`: an HTTP response kept to write to later. */
export function isResponseValue(value: Node | undefined): boolean {
  const node = unwrapExpression(value);
  return node?.type === 'identifier' && identifierWords(node.text).some((word) => RESPONSE_WORDS.has(word));
}
