// NestJS `CacheModule.register()` without a store keeps entries in this process's memory. A cache that is only a
// cache is fine in memory, so the rule fires only when the same file shows the cache backs sessions: it mentions a
// session (a SessionModule/SessionService/SessionController, express-session, a `session` key or variable) outside
// the CacheModule call. Stores configured in `registerAsync` factories count; `useClass`/`useExisting` is unknown.

import * as l10n from '@vscode/l10n';
import type { Node } from '@vscode/tree-sitter-wasm';
import type { Detector, DetectorContext, Finding } from '../types';
import { analyzeJsModule, JS_LANGUAGES, localsFor, objectProperty, propertyValue, stringValue, unwrapExpression } from '../syntax/jsSyntax';
import { callArguments, callIndex } from '../syntax/jsCalls';
import { identifierWords } from '../syntax/keywords';
import { collect, contains, makeFinding, namedChildren } from '../syntax/tree';

const SOURCES = new Set(['@nestjs/cache-manager', '@nestjs/common']);

export const nestCacheDetector: Detector = {
  id: 'nest-cache',
  languages: JS_LANGUAGES,
  prefilter: (text) => text.includes('CacheModule') && /session/i.test(text),
  detect(context: DetectorContext): Finding[] {
    const info = analyzeJsModule(context.root);
    const cacheModuleLocals = localsFor(info, (source) => SOURCES.has(source), ['CacheModule']);
    if (cacheModuleLocals.size === 0) {
      return [];
    }
    const registrations = callIndex(context.root)
      .filter((call) => call.calleeType === 'member_expression' && (call.name === 'register' || call.name === 'registerAsync') && cacheModuleLocals.has(call.objectName))
      .map((call) => call.node);
    const mentions = sessionMentions(context.root);
    const findings: Finding[] = [];
    for (const call of registrations) {
      if (context.isCancelled()) {
        break;
      }
      if (!usesMemoryStore(call) || !mentions.some((mention) => !contains(call, mention))) {
        continue;
      }
      findings.push(
        makeFinding('session-store-in-memory', call, {
          message: l10n.t("CacheModule is registered without a store, so the sessions it holds live in this process's memory: they are lost on every restart or deploy, and a second instance needs sticky routing to find them."),
          note: 'externalize-sessions-node#nestjs',
          framework: '@nestjs/cache-manager',
        }),
      );
    }
    return findings;
  },
};

function usesMemoryStore(call: Node): boolean {
  const method = call.childForFieldName('function')?.childForFieldName('property')?.text;
  const options = unwrapExpression(callArguments(call)[0]);
  if (!options) {
    return method === 'register';
  }
  if (options.type !== 'object' || namedChildren(options).some((child) => child.type === 'spread_element')) {
    return false;
  }
  if (method === 'register') {
    return storeIsMemory(options);
  }
  if (objectProperty(options, 'useClass') || objectProperty(options, 'useExisting')) {
    return false;
  }
  const factory = objectProperty(options, 'useFactory');
  const fn = factory ? propertyValue(factory) : undefined;
  if (!fn) {
    return false;
  }
  const returned = returnedObjects(fn);
  return returned.length > 0 && returned.every(storeIsMemory);
}

/** `store`/`stores` absent, or `store: 'memory'` (cache-manager v4). */
function storeIsMemory(options: Node): boolean {
  if (options.type !== 'object' || namedChildren(options).some((child) => child.type === 'spread_element')) {
    return false;
  }
  if (objectProperty(options, 'stores')) {
    return false;
  }
  const store = objectProperty(options, 'store');
  if (!store) {
    return true;
  }
  const value = propertyValue(store);
  return stringValue(value) === 'memory';
}

/** The object literals a factory returns (arrow expression body or `return {...}` statements). */
function returnedObjects(fn: Node): Node[] {
  const body = fn.childForFieldName('body');
  const direct = unwrapExpression(body);
  if (direct && direct.type !== 'statement_block') {
    return direct.type === 'object' ? [direct] : [];
  }
  if (!body) {
    return [];
  }
  return collect(body, ['return_statement'])
    .map((statement) => unwrapExpression(namedChildren(statement)[0]))
    .filter((value): value is Node => value?.type === 'object');
}

/** Names and strings that mention a session (`SessionService`, `'express-session'`, `req.session`). */
function sessionMentions(root: Node): Node[] {
  return collect(root, ['identifier', 'type_identifier', 'property_identifier', 'shorthand_property_identifier', 'string_fragment']).filter((node) => {
    const text = node.text;
    return /session/i.test(text) && identifierWords(text).some((word) => word === 'session' || word === 'sessions');
  });
}
