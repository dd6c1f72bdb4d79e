// Session storage configured in Ruby code (configuration level):
// - Rails `config.session_store :cache_store` (or ActionDispatch::Session::CacheStore) in a file whose
//   `config.cache_store = ...` assignments are all local: `:memory_store` → session-store-in-memory,
//   `:file_store` (without memory) → session-store-local-disk. A file that sets no cache store, or any other cache
//   store (:redis_cache_store, :mem_cache_store, ... even in one branch), stands down: the file alone cannot tell.
//   `:cookie_store`, `:active_record_store`, `:mem_cache_store`, `:redis_store` sessions stand down, and so does
//   `config.cache_store = :memory_store` alone — a cache, not sessions. Development and test environment files
//   (recognised by `consider_all_requests_local = true` and the like) stand down: restarts there are expected.
// - Rack::Session::Pool added as middleware (`use` in config.ru/Sinatra, `config.middleware.use/insert_*` in Rails)
//   → session-store-in-memory: the pool is a Hash in the process.

import * as l10n from '@vscode/l10n';
import type { Node } from '@vscode/tree-sitter-wasm';
import type { Detector, DetectorContext, Finding } from '../types';
import { collect, makeFinding } from '../syntax/tree';
import { rubyConfigAssignments, rubyConfigCalls, rubyFirstValue, rubyPositionalArguments, rubySymbolName } from '../syntax/rubySyntax';

const NOTE = 'externalize-sessions-ruby#rails';
const MIDDLEWARE_METHODS = new Set(['use', 'insert', 'insert_before', 'insert_after', 'unshift', 'swap']);

/** A bare `use` (Rack builder, Sinatra) or a Rails middleware stack: `config.middleware`, `app.middleware`. */
function isMiddlewareStack(receiver: Node | null): boolean {
  if (!receiver) {
    return true;
  }
  const last = receiver.type === 'call' ? receiver.childForFieldName('method')?.text : receiver.text;
  return last === 'middleware';
}

/** Ruby session storage configuration: Rails cache-store sessions and Rack::Session::Pool. */
export const rubySessionStoreDetector: Detector = {
  id: 'ruby-session-store',
  languages: ['ruby'],
  prefilter(text: string): boolean {
    return /session_store|Rack::Session::Pool/.test(text);
  },
  detect(context: DetectorContext): Finding[] {
    const findings: Finding[] = [];
    const rails = railsCacheStoreSessions(context.root);
    if (rails) {
      findings.push(rails);
    }
    for (const call of collect(context.root, ['call'])) {
      if (!MIDDLEWARE_METHODS.has(call.childForFieldName('method')?.text ?? '') || !isMiddlewareStack(call.childForFieldName('receiver'))) {
        continue;
      }
      if (rubyPositionalArguments(call).some((argument) => argument.text.replace(/^::/, '') === 'Rack::Session::Pool')) {
        findings.push(makeFinding('session-store-in-memory', call, {
          message: l10n.t('Rack::Session::Pool keeps every session in a Hash inside this Ruby process: sessions are lost on restart and need sticky routing once there is more than one process or instance.'),
          note: NOTE,
          framework: 'Rack::Session::Pool',
        }));
      }
    }
    return findings.sort((a, b) => a.range.start.line - b.range.start.line);
  },
};

function railsCacheStoreSessions(root: Node): Finding | undefined {
  const sessionCall = rubyConfigCalls(root, 'session_store').find((call) => {
    const store = rubyPositionalArguments(call)[0];
    return rubySymbolName(store) === 'cache_store' || /(^|::)CacheStore$/.test(store?.text ?? '');
  });
  if (!sessionCall) {
    return undefined;
  }
  if (isDevelopmentOrTestEnvironment(root)) {
    return undefined;
  }
  const cacheStores = rubyConfigAssignments(root, 'cache_store').map((right) => rubySymbolName(rubyFirstValue(right)) ?? right.text);
  if (cacheStores.length === 0 || cacheStores.some((store) => store !== 'memory_store' && store !== 'file_store')) {
    return undefined;
  }
  if (cacheStores.includes('memory_store')) {
    return makeFinding('session-store-in-memory', sessionCall, {
      message: l10n.t("config.session_store :cache_store with config.cache_store = :memory_store keeps Rails sessions in this process's memory: they are lost on restart or deploy and need sticky routing across Puma workers and instances."),
      note: NOTE,
      framework: 'Rails session (cache store)',
    });
  }
  return makeFinding('session-store-local-disk', sessionCall, {
    message: l10n.t("config.session_store :cache_store with config.cache_store = :file_store keeps Rails sessions on this instance's disk: other instances cannot read them, so users lose their session when routed elsewhere or when the instance is replaced."),
    note: NOTE,
    framework: 'Rails session (cache store)',
  });
}

/**
 * True for config/environments/development.rb or test.rb, recognised by the settings only they make
 * (`consider_all_requests_local = true`, `enable_reloading = true`, `cache_classes = false`): losing sessions on a
 * local restart is expected there.
 */
function isDevelopmentOrTestEnvironment(root: Node): boolean {
  const isLiteral = (setting: string, literal: string): boolean =>
    rubyConfigAssignments(root, setting).some((right) => right.text === literal);
  return isLiteral('consider_all_requests_local', 'true') || isLiteral('enable_reloading', 'true') || isLiteral('cache_classes', 'false');
}
