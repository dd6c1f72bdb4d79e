// express-session without a `store` (or with MemoryStore / the memorystore package) keeps every session in the
// process. Reported on the `session(...)` call, with a fix that switches to connect-redis.

import * as l10n from '@vscode/l10n';
import type { Node } from '@vscode/tree-sitter-wasm';
import type { Detector, DetectorContext, Finding, TextEdit } from '../types';
import { analyzeJsModule, declaratorsByName, JS_LANGUAGES, localsFor, requireSource, stringValue, unwrapExpression, type JsModuleInfo } from '../syntax/jsSyntax';
import { callArguments, callIndex } from '../syntax/jsCalls';
import { JsScopes } from '../syntax/jsScopes';
import { readStoreOption, type StoreOption } from '../syntax/jsStoreOption';
import { indentationAt, makeFinding, namedChildren, rangeOf } from '../syntax/tree';

const NOTE = 'externalize-sessions-node#express';
const STORE_TEXT = 'new RedisStore({ client: redisClient })';

export const expressSessionDetector: Detector = {
  id: 'express-session',
  languages: JS_LANGUAGES,
  prefilter: (text) => text.includes('express-session'),
  detect(context: DetectorContext): Finding[] {
    const info = analyzeJsModule(context.root);
    if (info.isClient) {
      return [];
    }
    const sessionLocals = localsFor(info, 'express-session', ['default', 'module', '*']);
    const memoryStoreLocals = localsFor(info, 'express-session', ['MemoryStore']);
    const memorystoreLocals = localsFor(info, 'memorystore');
    const isMemoryStore = (expression: Node): string | undefined => {
      const node = unwrapExpression(expression);
      if (node?.type !== 'new_expression') {
        return undefined;
      }
      const constructor = unwrapExpression(node.childForFieldName('constructor'));
      if (!constructor) {
        return undefined;
      }
      if (constructor.type === 'identifier') {
        if (memoryStoreLocals.has(constructor.text)) {
          return 'MemoryStore';
        }
        if (memorystoreLocals.has(constructor.text)) {
          return 'memorystore';
        }
      }
      if (constructor.type === 'member_expression' && constructor.childForFieldName('property')?.text === 'MemoryStore') {
        const object = constructor.childForFieldName('object');
        if (object && (sessionLocals.has(object.text) || requireSource(object) === 'express-session')) {
          return 'MemoryStore';
        }
      }
      if (constructor.type === 'call_expression' && requireSource(constructor.childForFieldName('function')) === 'memorystore') {
        return 'memorystore';
      }
      return undefined;
    };

    const scopes = new JsScopes(context.root, context.text);
    let importEdit: TextEdit | undefined | null = null;
    const findings: Finding[] = [];
    for (const entry of callIndex(context.root)) {
      if (context.isCancelled()) {
        break;
      }
      const { node: call, calleeType, name } = entry;
      const isSessionCall =
        (calleeType === 'identifier' && sessionLocals.has(name) && !scopes.isShadowed(call, name)) ||
        (calleeType === 'call_expression' && requireSource(entry.callee) === 'express-session');
      if (!isSessionCall) {
        continue;
      }
      const option = readStoreOption(context.root, callArguments(call)[0], isMemoryStore);
      if (option.kind === 'missing' || option.kind === 'memory') {
        findings.push(
          makeFinding('session-store-in-memory', call, {
            message: messageFor(option),
            note: NOTE,
            framework: option.kind === 'memory' && option.flavour === 'memorystore' ? 'memorystore' : 'express-session',
            ...fixFor(context, info, call, option, () => (importEdit === null ? (importEdit = importEditFor(context, info)) : importEdit)),
          }),
        );
      }
    }
    return findings;
  },
};

function messageFor(option: StoreOption): string {
  if (option.kind === 'memory' && option.flavour === 'memorystore') {
    return l10n.t("express-session uses the memorystore package, which still keeps sessions in this process's memory: sessions are lost on every restart or deploy, and a second instance needs sticky routing to find them.");
  }
  if (option.kind === 'memory') {
    return l10n.t("express-session uses MemoryStore, which keeps sessions in this process's memory: sessions are lost on every restart or deploy, and a second instance needs sticky routing to find them.");
  }
  return l10n.t('express-session is configured without a `store`, so it keeps sessions in its in-process MemoryStore: sessions are lost on every restart or deploy, and a second instance needs sticky routing to find them.');
}

/** The edits that move sessions to Redis with connect-redis, or nothing when they cannot be placed safely. */
/** `importEdit` computes the (per-file) import insertion once, on first need. */
function fixFor(context: DetectorContext, info: JsModuleInfo, call: Node, option: StoreOption, importEditOnce: () => TextEdit | undefined): { fix?: Finding['fix'] } {
  const storeEdit = storeEditFor(context, call, option);
  if (!storeEdit) {
    return {};
  }
  const importEdit = importEditOnce();
  // Generated declarations must run before the session call, or the fix would read redisClient before it exists.
  if (importEdit && info.lastImport && call.startIndex < info.lastImport.endIndex) {
    return {};
  }
  return { fix: { title: l10n.t('Store sessions in Redis (connect-redis)'), edits: importEdit ? [importEdit, storeEdit] : [storeEdit] } };
}

function storeEditFor(context: DetectorContext, call: Node, option: StoreOption): TextEdit | undefined {
  if (option.kind === 'memory') {
    if (option.property.type === 'pair') {
      const value = option.property.childForFieldName('value');
      return value ? { range: rangeOf(value), newText: STORE_TEXT } : undefined;
    }
    return { range: rangeOf(option.property), newText: `store: ${STORE_TEXT}` };
  }
  if (option.kind !== 'missing') {
    return undefined;
  }
  if (!option.object) {
    const args = call.childForFieldName('arguments');
    if (!args || callArguments(call).length > 0) {
      return undefined;
    }
    const start = rangeOf(args).start;
    const at = { line: start.line, character: start.character + 1 };
    return { range: { start: at, end: at }, newText: `{ store: ${STORE_TEXT} }` };
  }
  const properties = namedChildren(option.object).filter((child) => child.type !== 'comment');
  if (properties.length === 0) {
    return { range: rangeOf(option.object), newText: `{ store: ${STORE_TEXT} }` };
  }
  const first = properties[0];
  const at = rangeOf(first).start;
  const multiLine = first.startPosition.row > option.object.startPosition.row;
  const newText = multiLine ? `store: ${STORE_TEXT},\n${indentationAt(context.text, first.startIndex)}` : `store: ${STORE_TEXT}, `;
  return { range: { start: at, end: at }, newText };
}

function importEditFor(context: DetectorContext, info: JsModuleInfo): TextEdit | undefined {
  const hasBinding = (local: string, source: string) => info.bindings.some((binding) => binding.local === local && binding.source === source);
  // The name must be spelled in the text to be declared: most files are answered without listing declarations.
  const declaresClient = context.text.includes('redisClient') && declaratorsByName(context.root).has('redisClient');
  const quote = quoteStyle(context.root);
  const semicolon = info.lastImport ? (info.lastImport.text.trimEnd().endsWith(';') ? ';' : '') : ';';
  const importLine = (name: string, source: string) =>
    info.usesEsm ? `import { ${name} } from ${quote}${source}${quote}${semicolon}` : `const { ${name} } = require(${quote}${source}${quote})${semicolon}`;

  const lines: string[] = [];
  if (!hasBinding('RedisStore', 'connect-redis')) {
    lines.push(importLine('RedisStore', 'connect-redis'));
  }
  if (!declaresClient) {
    if (!hasBinding('createClient', 'redis')) {
      lines.push(importLine('createClient', 'redis'));
    }
    lines.push(`const redisClient = createClient(); redisClient.connect().catch(console.error)${semicolon}`);
  }
  if (lines.length === 0) {
    return undefined;
  }
  if (info.lastImport) {
    const at = rangeOf(info.lastImport).end;
    return { range: { start: at, end: at }, newText: `\n${lines.join('\n')}` };
  }
  const afterShebang = context.text.startsWith('#!') ? { line: 1, character: 0 } : { line: 0, character: 0 };
  return { range: { start: afterShebang, end: afterShebang }, newText: `${lines.join('\n')}\n` };
}

/** The quote character the file uses for its express-session import or require. */
function quoteStyle(root: Node): string {
  const specifiers = [
    ...namedChildren(root).map((statement) => statement.childForFieldName('source')),
    ...callIndex(root).map((call) => (call.name === 'require' && call.calleeType === 'identifier' ? callArguments(call.node)[0] : undefined)),
  ];
  const specifier = specifiers.find((node) => node?.type === 'string' && stringValue(node) === 'express-session');
  return specifier?.text.startsWith("'") ? "'" : '"';
}
