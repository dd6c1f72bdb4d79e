// Flask-Session configured to keep sessions on the instance's disk: SESSION_TYPE = "filesystem" in any of the usual
// forms (`app.config["SESSION_TYPE"] = ...`, a config class or module constant, `app.config.update(SESSION_TYPE=...)`,
// a `"SESSION_TYPE": ...` dict entry), or a cachelib FileSystemCache as SESSION_CACHELIB (hint); a cachelib
// SimpleCache keeps them in the process (warning). Only literal values count: `os.environ.get(...)` is unknown.
// Flask's default session (a signed cookie) keeps nothing on the server and never matches.

import * as l10n from '@vscode/l10n';
import type { Node } from '@vscode/tree-sitter-wasm';
import type { Detector, DetectorContext, Finding } from '../types';
import { lastName, pythonString } from '../syntax/pythonSyntax';
import { collect, makeFinding } from '../syntax/tree';

const NOTE = 'externalize-sessions-python#flask';

export const flaskSessionDetector: Detector = {
  id: 'flask-session',
  languages: ['python'],
  prefilter: (text) => text.includes('SESSION_TYPE') || text.includes('SESSION_CACHELIB'),
  detect(context: DetectorContext): Finding[] {
    const findings: Finding[] = [];
    for (const node of collect(context.root, ['assignment', 'keyword_argument', 'pair'])) {
      if (context.isCancelled()) {
        break;
      }
      const setting = settingOf(node);
      if (!setting) {
        continue;
      }
      if (setting.key === 'SESSION_TYPE' && pythonString(setting.value) === 'filesystem') {
        findings.push(
          makeFinding('session-store-local-disk', node, {
            message: l10n.t('Flask-Session SESSION_TYPE "filesystem" stores sessions on this server\'s disk: other instances cannot read them, so a second instance needs sticky routing and a redeploy on a fresh disk logs everyone out.'),
            note: NOTE,
            framework: 'Flask-Session',
          }),
        );
      } else if (setting.key === 'SESSION_CACHELIB' && setting.value.type === 'call') {
        const cache = lastName(setting.value);
        if (cache === 'FileSystemCache') {
          findings.push(
            makeFinding('session-store-local-disk', node, {
              message: l10n.t("Flask-Session SESSION_CACHELIB is a FileSystemCache, which stores sessions on this server's disk: other instances cannot read them without sticky routing."),
              note: NOTE,
              framework: 'Flask-Session',
            }),
          );
        } else if (cache === 'SimpleCache') {
          findings.push(
            makeFinding('session-store-in-memory', node, {
              message: l10n.t("Flask-Session SESSION_CACHELIB is a SimpleCache, which keeps sessions in this process's memory: they are lost on every restart, and a second instance or worker needs sticky routing to find them."),
              note: NOTE,
              framework: 'Flask-Session',
            }),
          );
        }
      }
    }
    return findings;
  },
};

/** The setting name and value a node assigns: `X = v`, `cfg["X"] = v`, `X=v` keyword, `"X": v` pair. */
function settingOf(node: Node): { key: string; value: Node } | undefined {
  if (node.type === 'assignment') {
    const left = node.childForFieldName('left');
    const value = node.childForFieldName('right');
    if (!left || !value) {
      return undefined;
    }
    if (left.type === 'identifier') {
      return { key: left.text, value };
    }
    if (left.type === 'subscript') {
      const key = pythonString(left.childForFieldName('subscript'));
      return key === undefined ? undefined : { key, value };
    }
    return undefined;
  }
  if (node.type === 'keyword_argument') {
    const name = node.childForFieldName('name');
    const value = node.childForFieldName('value');
    return name && value ? { key: name.text, value } : undefined;
  }
  const key = pythonString(node.childForFieldName('key'));
  const value = node.childForFieldName('value');
  return key !== undefined && value ? { key, value } : undefined;
}
