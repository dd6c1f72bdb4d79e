// A Socket.IO server with no adapter keeps rooms and broadcasts inside one process. Whether that matters depends on
// whether the app runs more than one instance, which a single file rarely says; so the finding is `information` by
// default and becomes a `warning` when the file itself shows scale-out (it imports cluster, @socket.io/sticky, pm2 or
// throng, or reads NODE_APP_INSTANCE). It stands down when the file sets an adapter (`io.adapter(...)`, an `adapter`
// option) or imports any Socket.IO adapter package (the adapter is then most likely wired in a helper). It stands
// down as well for a server whose whole use is in view and never fans out: the file registers its `'connection'`
// handler, and nothing in it emits, broadcasts, joins rooms or hands the server to another module (an export,
// `module.exports`, a call taking it), so there is nothing an adapter would share between instances.

import * as l10n from '@vscode/l10n';
import type { Node } from '@vscode/tree-sitter-wasm';
import type { Detector, DetectorContext, Finding } from '../types';
import { analyzeJsModule, JS_LANGUAGES, localsFor, objectProperty, requireSource, unwrapExpression } from '../syntax/jsSyntax';
import { callArguments, callIndex } from '../syntax/jsCalls';
import { JsScopes } from '../syntax/jsScopes';
import { collect, makeFinding } from '../syntax/tree';

const ADAPTER_SOURCE = /^(@socket\.io\/[\w.-]*adapter[\w.-]*|socket\.io-redis|socket\.io-[\w.-]*adapter[\w.-]*)$/;
const SCALE_OUT_SOURCES = new Set(['cluster', '@socket.io/sticky', 'sticky-session', 'pm2', 'throng']);

export const socketIoAdapterDetector: Detector = {
  id: 'socketio-adapter',
  languages: JS_LANGUAGES,
  prefilter: (text) => text.includes('socket.io'),
  detect(context: DetectorContext): Finding[] {
    const info = analyzeJsModule(context.root);
    if (info.isClient || [...info.sources].some((source) => ADAPTER_SOURCE.test(source))) {
      return [];
    }
    const serverClasses = localsFor(info, 'socket.io', ['Server']);
    const moduleLocals = localsFor(info, 'socket.io', ['default', 'module', '*']);

    const scopes = new JsScopes(context.root, context.text);
    const constructions: Node[] = [];
    for (const node of collect(context.root, ['new_expression'])) {
      if (context.isCancelled()) {
        return [];
      }
      const constructor = unwrapExpression(node.childForFieldName('constructor'));
      if (constructor?.type === 'identifier' && serverClasses.has(constructor.text) && !scopes.isShadowed(node, constructor.text)) {
        constructions.push(node);
      } else if (constructor?.type === 'member_expression' && constructor.childForFieldName('property')?.text === 'Server') {
        const object = constructor.childForFieldName('object');
        if (object && (moduleLocals.has(object.text) || requireSource(object) === 'socket.io')) {
          constructions.push(node);
        }
      }
    }
    for (const call of callIndex(context.root)) {
      const { node, calleeType, name } = call;
      if (calleeType === 'member_expression' && name === 'adapter' && callArguments(node).length > 0) {
        return [];
      }
      if ((calleeType === 'identifier' && moduleLocals.has(name) && !scopes.isShadowed(node, name)) || (calleeType === 'call_expression' && requireSource(call.callee) === 'socket.io')) {
        constructions.push(node);
      }
    }
    constructions.sort((a, b) => a.startIndex - b.startIndex);

    if (constructions.length > 0 && /\.on\(\s*['"]connection['"]/.test(context.text) && !fansOut(context.text)) {
      return [];
    }
    const scaledOut = [...info.sources].some((source) => SCALE_OUT_SOURCES.has(source)) || context.text.includes('NODE_APP_INSTANCE');
    const findings: Finding[] = [];
    for (const construction of constructions) {
      const hasAdapterOption = callArguments(construction).some((argument) => {
        const object = unwrapExpression(argument);
        return object?.type === 'object' && objectProperty(object, 'adapter') !== undefined;
      });
      if (hasAdapterOption) {
        continue;
      }
      const message = scaledOut
        ? l10n.t('Socket.IO server without an adapter in an app that runs several processes: rooms and broadcasts reach only the clients of the process that emits, so messages go missing and reconnecting clients need sticky routing.')
        : l10n.t('Socket.IO server without an adapter: rooms and broadcasts reach only the clients connected to this process, so a second instance would miss messages and clients would need sticky routing.');
      findings.push(
        makeFinding('socketio-no-adapter', construction, {
          message,
          note: 'externalize-sessions-node#socketio',
          framework: 'socket.io',
          ...(scaledOut ? { severity: 'warning' as const } : {}),
        }),
      );
    }
    return findings;
  },
};

/**
 * True when the file sends anything or may let another module do it: emits (to one socket, a room or everyone),
 * broadcasts, room joins, `io.sockets` / namespaces, or the server leaving the file (exported, assigned to
 * `module.exports`/`exports.x`, passed to a call such as `require('./chat')(io)`).
 */
function fansOut(text: string): boolean {
  return /\.(broadcast|join|to|in|sockets|of|local|serverSideEmit)\b|\.emit\s*\(|\bexport\s|module\.exports|\bexports\.\w+\s*=|\(\s*io\s*[,)]/.test(text);
}
