// One reporter for "a collection written while handling a request" (in-memory-session-map), shared by the JS/TS,
// Python, Go, Java and C# detectors. A message is three whole translated sentences: what the collection is and why
// the process keeps one copy of it, where it is written, and what that breaks. Values are code only (names, types,
// labels such as `login()`, line numbers), never English fragments, so every sentence translates on its own.

import * as l10n from '@vscode/l10n';
import type { Node } from '@vscode/tree-sitter-wasm';
import type { Finding, TextRange } from '../types';
import { isCacheLikeName, isSessionLikeCollectionName, isSessionLikeName } from '../syntax/keywords';
import { makeFinding } from '../syntax/tree';
import { abbreviate } from '../stateHolders/report';

/** Why the process keeps one copy of the collection: where it is declared, and what holds it. */
export type CollectionHolder =
  /** A module-level, package-level or top-level variable (Program.cs top-level statements included). */
  | { readonly kind: 'module' }
  /** A static field or property of `owner`. */
  | { readonly kind: 'static'; readonly owner: string }
  /** A field of a class with one instance per process (a singleton, a package-level struct); `owner` when named. */
  | { readonly kind: 'field'; readonly owner: string | undefined }
  /** A field of `owner`, whose instance the long-lived class `holder` keeps in its field `holderField`. */
  | { readonly kind: 'held'; readonly owner: string; readonly holder: string; readonly holderField: string };

/** Where the collection is written. */
export type WriteSite =
  /**
   * In a handler, or a method reached from one, labelled `writer` (`login()`); undefined for an anonymous handler (a
   * lambda, a func literal).
   */
  | { readonly kind: 'handler'; readonly writer: string | undefined }
  /** In the function `writer`, which the handler `handler` calls (undefined for an anonymous handler). */
  | { readonly kind: 'called'; readonly writer: string; readonly handler: string | undefined }
  /** In a request handler at `line` (1-based), with the key expression written when there is one. */
  | { readonly kind: 'line'; readonly line: number; readonly key: string | undefined };

/** A collection written while handling a request, as a detector found it. */
export interface HandlerWrite {
  /** Where the finding points: the collection's declaration. */
  readonly at: Node | TextRange;
  readonly name: string;
  /** The collection's type as the language spells it: Map, dict, map, ConcurrentDictionary, ... */
  readonly type: string;
  readonly holder: CollectionHolder;
  readonly site: WriteSite;
  /** True where one server runs several worker processes by default, each with its own copy (Python). */
  readonly perWorker?: boolean;
  readonly note: string;
  readonly framework: string;
}

/**
 * Writes by the collection they target, each list in the order given: one pass instead of a filter of every write
 * per collection (Go, Java and C# gather writes per reached function, then judge each collection once).
 */
export function writesByTarget<K, W>(writes: Iterable<W>, targetOf: (write: W) => K): Map<K, W[]> {
  const byTarget = new Map<K, W[]>();
  for (const write of writes) {
    const target = targetOf(write);
    const list = byTarget.get(target);
    if (list) {
      list.push(write);
    } else {
      byTarget.set(target, [write]);
    }
  }
  return byTarget;
}

/**
 * The rule every language applies before reporting: a cache-named collection stands down; otherwise its name, its
 * type or one of the keys written must read as per-user (session, user, connection, ...).
 */
export function isSessionLikeCollection(name: string, typeText: string, keys: Iterable<string>): boolean {
  if (isCacheLikeName(name)) {
    return false;
  }
  if (isSessionLikeName(name) || isSessionLikeName(typeText)) {
    return true;
  }
  for (const key of keys) {
    if (isSessionLikeName(key)) {
      return true;
    }
  }
  return false;
}

/**
 * The rule for one write into a collection whose declaration says little about its type (JS/TS, Python): a
 * cache-named collection stands down; otherwise one of the key's words (the identifiers and string parts of the key
 * expression, which each grammar names differently) or the collection's own name, by the stricter collection-name
 * test, must read as per-user.
 */
export function isSessionKeyedWrite(collectionName: string, keyWords: readonly Node[]): boolean {
  if (isCacheLikeName(collectionName)) {
    return false;
  }
  return keyWords.some((word) => isSessionLikeName(word.text)) || isSessionLikeCollectionName(collectionName);
}

/** The in-memory-session-map finding for a collection written while handling a request. */
export function handlerWriteFinding(write: HandlerWrite): Finding {
  const sentences = [holderSentence(write), siteSentence(write.site), l10n.t('This per-user state is lost on restart, and each instance has its own copy, so scaling out needs sticky routing.')];
  if (write.perWorker) {
    sentences.push(l10n.t('Each worker process of the server keeps its own copy as well.'));
  }
  return makeFinding('in-memory-session-map', write.at, { message: sentences.join(' '), note: write.note, framework: write.framework });
}

function holderSentence({ name, type, holder }: HandlerWrite): string {
  switch (holder.kind) {
    case 'module':
      return l10n.t({
        message: 'The {0} `{1}` is declared at the top level of its file, so this process keeps one copy for every request.',
        args: [type, name],
        comment: ['{0} is the collection type as written in the code (Map, dict, map, Dictionary, ...), {1} the variable name'],
      });
    case 'static':
      return l10n.t({
        message: 'The {0} `{1}` is a static member of {2}, so this process keeps one copy for every request.',
        args: [type, name, holder.owner],
        comment: ['{0} is the collection type as written in the code (HashMap, ConcurrentDictionary, ...), {1} the field name, {2} the class that declares it'],
      });
    case 'field':
      return holder.owner === undefined
        ? l10n.t({
            message: 'The {0} `{1}` is a field of a class created once per process, so this process keeps one copy for every request.',
            args: [type, name],
            comment: ['{0} is the collection type as written in the code (Map, HashMap, ...), {1} the field name; the class has no name (an anonymous class)'],
          })
        : l10n.t({
            message: 'The {0} `{1}` is a field of {2}, created once per process, so this process keeps one copy for every request.',
            args: [type, name, holder.owner],
            comment: ['{0} is the collection type as written in the code (Map, map, HashMap, Dictionary, ...), {1} the field name, {2} the class or struct that declares it (a singleton, a package-level value)'],
          });
    case 'held':
      return l10n.t({
        message: 'The {0} `{1}` is a field of {2}, whose instance {3} keeps in its field `{4}`, so this process keeps one copy for every request.',
        args: [type, name, holder.owner, holder.holder, holder.holderField],
        comment: ['{0} is the collection type as written in the code (Dictionary, ...), {1} the field name, {2} the helper class that declares it, {3} the long-lived class (a hub, controller or singleton) holding an instance of {2}, {4} that field'],
      });
  }
}

function siteSentence(site: WriteSite): string {
  if (site.kind === 'line') {
    return site.key === undefined
      ? l10n.t({ message: 'It is written in a request handler at line {0}.', args: [site.line], comment: ['{0} is a line number'] })
      : l10n.t({
          message: 'It is written in a request handler at line {0}, under the key `{1}`.',
          args: [site.line, abbreviate(site.key)],
          comment: ['{0} is a line number, {1} the key expression written (code)'],
        });
  }
  if (site.kind === 'handler') {
    return site.writer === undefined
      ? l10n.t('It is written in a request handler.')
      : l10n.t({
          message: 'It is written in {0}, which runs while handling requests.',
          args: [site.writer],
          comment: ['{0} is the function or method that writes the collection, e.g. login()'],
        });
  }
  return site.handler === undefined
    ? l10n.t({
        message: 'It is written in {0}, which a request handler calls.',
        args: [site.writer],
        comment: ['{0} is the function that writes the collection, e.g. save(); the handler that calls it has no name (a func literal or lambda)'],
      })
    : l10n.t({
        message: 'It is written in {0}, which {1} calls while handling requests.',
        args: [site.writer, site.handler],
        comment: ['{0} is the function that writes the collection and {1} the request handler that calls it, e.g. save() and login()'],
      });
}

/** A collection as the JS/TS and Python detectors declare it: its name, its type and the declaration to point at. */
export interface DeclaredCollection {
  readonly name: string;
  readonly kind: string;
  readonly declaration: Node;
}

/**
 * {@link handlerWriteFinding} for a declared collection, reported at its declaration and described by the line (and
 * key) of the write that made it session state.
 */
export function collectionWriteFinding(
  collection: DeclaredCollection,
  write: Node,
  key: Node | undefined,
  context: Pick<HandlerWrite, 'holder' | 'perWorker' | 'note' | 'framework'>,
): Finding {
  return handlerWriteFinding({
    at: collection.declaration,
    name: collection.name,
    type: collection.kind,
    site: { kind: 'line', line: write.startPosition.row + 1, key: key?.text },
    ...context,
  });
}
