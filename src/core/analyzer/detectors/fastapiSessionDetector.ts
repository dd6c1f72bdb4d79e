// fastapi-sessions' InMemoryBackend keeps server-side sessions in a dict of this process. Starlette's
// SessionMiddleware (a signed cookie) keeps nothing on the server and never matches.

import * as l10n from '@vscode/l10n';
import type { Detector, DetectorContext, Finding } from '../types';
import { analyzePythonModule } from '../syntax/pythonSyntax';
import { collect, makeFinding } from '../syntax/tree';

export const fastapiSessionDetector: Detector = {
  id: 'fastapi-session',
  languages: ['python'],
  prefilter: (text) => text.includes('InMemoryBackend'),
  detect(context: DetectorContext): Finding[] {
    const info = analyzePythonModule(context.root);
    const imported = [...info.bindings.entries()].filter(([, target]) => target.startsWith('fastapi_sessions.') && target.endsWith('.InMemoryBackend'));
    const locals = new Set(imported.map(([local]) => local));
    if (locals.size === 0) {
      return [];
    }
    return collect(context.root, ['call'])
      .filter((call) => {
        const callee = call.childForFieldName('function');
        // InMemoryBackend[UUID, SessionData]() is a call of a subscript.
        const name = callee?.type === 'subscript' ? callee.childForFieldName('value')?.text : callee?.text;
        return name !== undefined && locals.has(name);
      })
      .map((call) =>
        makeFinding('session-store-in-memory', call, {
          message: l10n.t("fastapi-sessions InMemoryBackend keeps sessions in this process's memory: they are lost on every restart or deploy, and a second instance or worker needs sticky routing to find them."),
          note: 'externalize-sessions-python#fastapi',
          framework: 'fastapi-sessions',
        }),
      );
  },
};
