// State holders in long-running PHP servers and PHP session configuration arrays (rules
// in-memory-connection-registry, session-store-local-disk):
// - connection registries: Ratchet components that keep their connections in an `SplObjectStorage`
//   (`$this->clients->attach($conn)`), and Swoole / Workerman servers that collect connection ids in an array from
//   their open/connect callbacks (`$fds[] = $request->fd`, `$connections[$connection->id] = $connection`), and any
//   component whose `onOpen` / `onConnect` appends to an array property (`$this->drivers[] = ...`,
//   `array_push($this->drivers, ...)`): what an open callback keeps is the connection or something carrying it;
// - session configuration returned as an array by a `session.php` config file of any framework (ThinkPHP `'type'`,
//   custom `'handler'`, Laravel-style `'driver'` also capitalised or `'files'`, `'save_handler'`) whose storage is
//   the local file system → session-store-local-disk. Laravel's own config (lowercase `'file'`) is reported by the
//   Laravel rule in phpSessionStoreDetector; both report the same element, so the engine keeps one.

import type { Node } from '@vscode/tree-sitter-wasm';
import type { Detector, DetectorContext, Finding } from '../types';
import { phpArguments, phpArrayEntries, phpFunctionName, phpReturnedArrays, phpStringValue } from '../syntax/phpSyntax';
import { collect } from '../syntax/tree';
import { connectionRegistryFinding, sessionStoreFinding } from './report';

const STORAGE_KEYS = new Set(['driver', 'type', 'handler', 'save_handler', 'store_type', 'storage']);
const FILE_STORAGE = /^(file|files|filesystem|native)$/i;
const OPEN_CALLBACK = /->on\(\s*['"](open|connect)['"]|->onConnect\s*=|function\s+onOpen\s*\(/i;

export const phpStateHolderDetector: Detector = {
  id: 'php-state-holders',
  languages: ['php'],
  prefilter: (text) => /SplObjectStorage|->fd\b|->id\b|return\s*(\[|array\s*\()|function\s+on(Open|Connect)\s*\(/i.test(text),
  detect(context: DetectorContext): Finding[] {
    const findings: Finding[] = [...registries(context.root, context.text)];
    const config = sessionConfigFinding(context.root, context.fileName);
    if (config) {
      findings.push(config);
    }
    return findings;
  },
};

function registries(root: Node, text: string): Finding[] {
  if (!OPEN_CALLBACK.test(text) && !/ConnectionInterface|MessageComponentInterface/.test(text)) {
    return [];
  }
  const findings: Finding[] = [];
  for (const creation of collect(root, ['object_creation_expression'])) {
    if (/^new\s+\\?SplObjectStorage\b/.test(creation.text)) {
      const assignment = creation.parent?.type === 'assignment_expression' ? creation.parent : creation;
      const name = assignment.type === 'assignment_expression' ? assignment.childForFieldName('left')?.text ?? 'SplObjectStorage' : 'SplObjectStorage';
      findings.push(connectionRegistryFinding({ at: assignment, name, framework: 'ratchet', note: 'stateful-connections#php' }));
    }
  }
  findings.push(...openCallbackProperties(root, findings));
  // `$fds[] = $request->fd;` / `$conns[$connection->id] = $connection;` inside an open/connect callback.
  for (const assignment of collect(root, ['assignment_expression'])) {
    const left = assignment.childForFieldName('left');
    const right = assignment.childForFieldName('right');
    if (left?.type !== 'subscript_expression' || !right) {
      continue;
    }
    const index = left.text.slice(left.text.indexOf('['));
    if (/->fd\b/.test(right.text) || /->(fd|id)\b/.test(index) || /^\$(conn|connection|client|ws)\w*$/.test(right.text)) {
      const target = left.text.slice(0, left.text.indexOf('['));
      findings.push(connectionRegistryFinding({ at: assignment, name: target, framework: /swoole/i.test(root.text) ? 'swoole' : 'workerman', note: 'stateful-connections#php' }));
      break;
    }
  }
  return findings;
}

/**
 * Array properties an `onOpen` / `onConnect` method appends to, reported on the property's declaration (or on the
 * write when the class does not declare it). Properties already reported as an SplObjectStorage are skipped.
 */
function openCallbackProperties(root: Node, already: readonly Finding[]): Finding[] {
  const findings: Finding[] = [];
  const reported = new Set(already.map((finding) => finding.message));
  for (const method of collect(root, ['method_declaration'])) {
    if (!/^on(Open|Connect)$/i.test(method.childForFieldName('name')?.text ?? '')) {
      continue;
    }
    const body = method.childForFieldName('body')?.text ?? '';
    const names = new Set<string>();
    for (const match of body.matchAll(/\$this->(\w+)\s*\[[^\]]*\]\s*=[^=]|array_(?:push|unshift)\s*\(\s*\$this->(\w+)/g)) {
      names.add(match[1] ?? match[2]!);
    }
    const classNode = ancestorOfType(method, 'class_declaration');
    for (const name of names) {
      const declaration = classNode ? collect(classNode, ['property_element']).find((element) => new RegExp(`^\\$${name}\\b`).test(element.text)) : undefined;
      const finding = connectionRegistryFinding({ at: declaration ?? method, name: `$this->${name}`, framework: 'ratchet', note: 'stateful-connections#php' });
      if (!reported.has(finding.message)) {
        reported.add(finding.message);
        findings.push(finding);
      }
    }
  }
  return findings;
}

function ancestorOfType(node: Node, type: string): Node | undefined {
  for (let current = node.parent; current; current = current.parent) {
    if (current.type === type) {
      return current;
    }
  }
  return undefined;
}

/** A `session.php` config file returning an array whose storage is the local file system. */
function sessionConfigFinding(root: Node, fileName: string | undefined): Finding | undefined {
  if (fileName === undefined || !/(^|[\\/])session\.php$/i.test(fileName)) {
    return undefined;
  }
  for (const array of phpReturnedArrays(root)) {
    for (const entry of phpArrayEntries(array)) {
      if (!STORAGE_KEYS.has(entry.key)) {
        continue;
      }
      const value = phpStringValue(entry.value) ?? envFallback(entry.value);
      if (value !== undefined && FILE_STORAGE.test(value)) {
        return sessionStoreFinding('session-store-local-disk', { at: entry.element, name: entry.element.text, framework: 'php', note: 'externalize-sessions-php' });
      }
    }
  }
  return undefined;
}

/** The default of `env('NAME', 'default')`. */
function envFallback(value: Node): string | undefined {
  return value.type === 'function_call_expression' && phpFunctionName(value) === 'env' ? phpStringValue(phpArguments(value)[1]) : undefined;
}
