// Django settings that keep sessions inside the process or on its disk:
//   - SESSION_ENGINE = "django.contrib.sessions.backends.cache" with the session cache (SESSION_CACHE_ALIAS, default
//     "default") on LocMemCache — or no CACHES at all, which Django defaults to LocMemCache → in memory (warning);
//   - the same with FileBasedCache, or SESSION_ENGINE = "...backends.file" → on local disk (hint).
// It stands down for db / cached_db / signed_cookies engines, for any other cache backend (Redis, django-redis,
// Memcached, database), and when CACHES is not a literal or may come from elsewhere (`from .base import *`, env).

import * as l10n from '@vscode/l10n';
import type { Node } from '@vscode/tree-sitter-wasm';
import type { Detector, DetectorContext, Finding } from '../types';
import { dictValue, moduleAssignments, pythonString } from '../syntax/pythonSyntax';
import { collect, makeFinding } from '../syntax/tree';

const CACHE_ENGINE = 'django.contrib.sessions.backends.cache';
const FILE_ENGINE = 'django.contrib.sessions.backends.file';
const LOCMEM = 'django.core.cache.backends.locmem.LocMemCache';
const FILE_CACHE = 'django.core.cache.backends.filebased.FileBasedCache';
const NOTE = 'externalize-sessions-python#django';

export const djangoSessionDetector: Detector = {
  id: 'django-session',
  languages: ['python'],
  prefilter: (text) => text.includes('SESSION_ENGINE'),
  detect(context: DetectorContext): Finding[] {
    const assignments = moduleAssignments(context.root);
    const last = (name: string) => assignments.filter((assignment) => assignment.name === name).pop();
    const engine = last('SESSION_ENGINE');
    const engineName = pythonString(engine?.value);
    if (!engine || engineName === undefined) {
      return [];
    }
    if (engineName === FILE_ENGINE) {
      return [
        makeFinding('session-store-local-disk', engine.assignment, {
          message: l10n.t("SESSION_ENGINE stores sessions as files on this server's disk: other instances cannot read them, so users lose their session when a request lands elsewhere unless routing is sticky."),
          note: NOTE,
          framework: 'django',
        }),
      ];
    }
    if (engineName !== CACHE_ENGINE) {
      return [];
    }
    const alias = pythonString(last('SESSION_CACHE_ALIAS')?.value) ?? 'default';
    const backend = sessionCacheBackend(context.root, last('CACHES')?.value, alias);
    if (backend === LOCMEM) {
      return [
        makeFinding('session-store-in-memory', engine.assignment, {
          message: l10n.t({ message: 'SESSION_ENGINE uses the cache backend and the "{0}" cache is LocMemCache (Django\'s default), so sessions live in this process\'s memory: they are lost on every restart or deploy, and a second instance or worker needs sticky routing to find them.', args: [alias], comment: ['{0} is the name of a Django cache alias from the settings, e.g. default'] }),
          note: NOTE,
          framework: 'django',
        }),
      ];
    }
    if (backend === FILE_CACHE) {
      return [
        makeFinding('session-store-local-disk', engine.assignment, {
          message: l10n.t({ message: 'SESSION_ENGINE uses the cache backend and the "{0}" cache is FileBasedCache, so sessions live on this server\'s disk: other instances cannot read them without sticky routing.', args: [alias], comment: ['{0} is the name of a Django cache alias from the settings, e.g. default'] }),
          note: NOTE,
          framework: 'django',
        }),
      ];
    }
    return [];
  },
};

/** The BACKEND of the session cache, LocMemCache when Django's default applies, undefined when unknown. */
function sessionCacheBackend(root: Node, caches: Node | undefined, alias: string): string | undefined {
  if (!caches) {
    // Settings split over modules (`from .base import *`) may define CACHES elsewhere.
    const starImport = collect(root, ['wildcard_import']).length > 0;
    const mutated = collect(root, ['identifier']).some((identifier) => identifier.text === 'CACHES');
    return starImport || mutated ? undefined : LOCMEM;
  }
  if (caches.type !== 'dictionary') {
    return undefined;
  }
  const entry = dictValue(caches, alias);
  if (entry?.type !== 'dictionary') {
    return undefined;
  }
  return pythonString(dictValue(entry, 'BACKEND'));
}
