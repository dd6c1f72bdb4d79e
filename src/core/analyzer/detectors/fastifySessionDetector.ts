// @fastify/session (and the older fastify-session) registered without a `store` keeps sessions in an in-process
// MemoryStore. Reported on the `register(...)` call. @fastify/secure-session is cookie-based and never matches.

import * as l10n from '@vscode/l10n';
import type { Node } from '@vscode/tree-sitter-wasm';
import type { Detector, DetectorContext, Finding } from '../types';
import { analyzeJsModule, JS_LANGUAGES, localsFor, requireSource, unwrapExpression } from '../syntax/jsSyntax';
import { callArguments, callIndex } from '../syntax/jsCalls';
import { JsScopes } from '../syntax/jsScopes';
import { readStoreOption } from '../syntax/jsStoreOption';
import { makeFinding } from '../syntax/tree';

const SOURCES = new Set(['@fastify/session', 'fastify-session']);

export const fastifySessionDetector: Detector = {
  id: 'fastify-session',
  languages: JS_LANGUAGES,
  prefilter: (text) => /fastify[-/]session/.test(text),
  detect(context: DetectorContext): Finding[] {
    const info = analyzeJsModule(context.root);
    if (info.isClient) {
      return [];
    }
    const fromPlugin = (source: string) => SOURCES.has(source);
    const memoryStoreLocals = localsFor(info, fromPlugin, ['MemoryStore']);
    const pluginLocals = new Set([...localsFor(info, fromPlugin)].filter((local) => !memoryStoreLocals.has(local) && local !== 'Store'));
    const isMemoryStore = (expression: Node): string | undefined => {
      const node = unwrapExpression(expression);
      const constructor = node?.type === 'new_expression' ? node.childForFieldName('constructor') : undefined;
      if (constructor?.type === 'identifier' && memoryStoreLocals.has(constructor.text)) {
        return 'MemoryStore';
      }
      if (constructor?.type === 'member_expression' && constructor.childForFieldName('property')?.text === 'MemoryStore') {
        const object = constructor.childForFieldName('object');
        return object && pluginLocals.has(object.text) ? 'MemoryStore' : undefined;
      }
      return undefined;
    };

    const scopes = new JsScopes(context.root, context.text);
    const findings: Finding[] = [];
    for (const { node: call, calleeType, name } of callIndex(context.root)) {
      if (context.isCancelled()) {
        break;
      }
      if (calleeType !== 'member_expression' || name !== 'register') {
        continue;
      }
      const [plugin, options] = callArguments(call);
      const pluginNode = unwrapExpression(plugin);
      const isSessionPlugin =
        (pluginNode?.type === 'identifier' && pluginLocals.has(pluginNode.text) && !scopes.isShadowed(call, pluginNode.text)) ||
        SOURCES.has(requireSource(pluginNode) ?? '');
      if (!isSessionPlugin) {
        continue;
      }
      const option = readStoreOption(context.root, options, isMemoryStore);
      if (option.kind === 'missing' || option.kind === 'memory') {
        const message =
          option.kind === 'memory'
            ? l10n.t("@fastify/session uses MemoryStore, which keeps sessions in this process's memory: sessions are lost on every restart or deploy, and a second instance needs sticky routing to find them.")
            : l10n.t('@fastify/session is registered without a `store`, so it keeps sessions in its in-process MemoryStore: sessions are lost on every restart or deploy, and a second instance needs sticky routing to find them.');
        findings.push(makeFinding('session-store-in-memory', call, { message, note: 'externalize-sessions-node#fastify', framework: '@fastify/session' }));
      }
    }
    return findings;
  },
};
