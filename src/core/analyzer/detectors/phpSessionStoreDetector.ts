// Session storage configured in PHP code (configuration level; PHP handlers are not traced):
// - Laravel `config/session.php`: a returned config array (recognised by session keys such as `lifetime`, `cookie`,
//   `expire_on_close` or an `env('SESSION_DRIVER', ...)` driver) whose `'driver'` is `'file'` (or defaults to it)
//   → session-store-local-disk; `'array'` → session-store-in-memory. redis, database, cookie, memcached, dynamodb and
//   an env() without default stand down. Other config arrays with a `driver` key (cache, queue, filesystems) do not
//   match: they lack the session keys.
// - Plain PHP: `ini_set('session.save_handler', 'files')`, or `session_save_path(...)` /
//   `ini_set('session.save_path', ...)` to a local directory with no other handler set → session-store-local-disk.
//   A redis/memcached save handler or `session_set_save_handler(...)` stands the file down.
// - CodeIgniter: the file session handler (CodeIgniter 4 `$driver = FileHandler::class`, CodeIgniter 3
//   `$config['sess_driver'] = 'files'`) → session-store-local-disk. Database/Redis/Memcached handlers stand down.
// - A hand-written save handler (`implements SessionHandlerInterface` or `extends SessionHandler`) whose `write`
//   method writes a file (`file_put_contents`, `fwrite`) → session-store-local-disk on that method: it is the
//   "files" handler written out by hand. A handler writing to Redis, a database or anything else stands down.

import * as l10n from '@vscode/l10n';
import type { Node } from '@vscode/tree-sitter-wasm';
import type { Detector, DetectorContext, Finding } from '../types';
import { collect, makeFinding, namedChildren } from '../syntax/tree';
import { phpArguments, phpArrayEntries, phpFunctionName, phpReturnedArrays, phpStringValue } from '../syntax/phpSyntax';

const SESSION_CONFIG_KEYS = new Set(['lifetime', 'expire_on_close', 'cookie', 'files', 'same_site', 'http_only', 'lottery']);
const LOCAL_PATH_FUNCTIONS = new Set(['sys_get_temp_dir', 'dirname', 'storage_path', 'base_path', 'realpath']);
const LOCAL_PATH_CONSTANTS = new Set(['__DIR__', '__FILE__']);

/** PHP session storage configuration: Laravel, CodeIgniter and plain ini settings (local disk / in memory). */
export const phpSessionStoreDetector: Detector = {
  id: 'php-session-store',
  languages: ['php'],
  prefilter(text: string): boolean {
    return /session_save_path|session\.save_(handler|path)|['"]driver['"]|sess_driver|FileHandler|SessionHandler/.test(text);
  },
  detect(context: DetectorContext): Finding[] {
    const laravel = laravelFinding(context.root);
    if (laravel) {
      return [laravel];
    }
    const codeIgniter = codeIgniterFinding(context.root);
    if (codeIgniter) {
      return [codeIgniter];
    }
    const handler = fileSaveHandlerFinding(context.root);
    if (handler) {
      return [handler];
    }
    const plain = plainPhpFinding(context.root);
    return plain ? [plain] : [];
  },
};

function laravelFinding(root: Node): Finding | undefined {
  for (const array of phpReturnedArrays(root)) {
    const entries = phpArrayEntries(array);
    const driver = entries.find((entry) => entry.key === 'driver');
    if (!driver) {
      continue;
    }
    const fromEnv = envDefault(driver.value);
    const isSessionConfig = entries.some((entry) => SESSION_CONFIG_KEYS.has(entry.key)) || fromEnv?.variable === 'SESSION_DRIVER';
    if (!isSessionConfig) {
      continue;
    }
    const value = fromEnv ? fromEnv.fallback : phpStringValue(driver.value);
    const shown = driver.value.text;
    if (value === 'file') {
      return makeFinding('session-store-local-disk', driver.element, {
        message: l10n.t({
          message: "The Laravel session driver {0} stores sessions as files in storage/framework/sessions on this instance's disk: other instances cannot read them, so users lose their session when routed elsewhere or when the instance is replaced.",
          args: [shown],
          comment: ["{0} is the driver value as written in config/session.php, e.g. 'file' or env('SESSION_DRIVER', 'file')"],
        }),
        note: 'externalize-sessions-php#laravel',
        framework: 'Laravel session',
      });
    }
    if (value === 'array') {
      return makeFinding('session-store-in-memory', driver.element, {
        message: l10n.t({
          message: 'The Laravel session driver {0} keeps sessions in a PHP array for one request only: nothing persists between requests, let alone across instances.',
          args: [shown],
          comment: ["{0} is the driver value as written in config/session.php, e.g. 'array'"],
        }),
        note: 'externalize-sessions-php#laravel',
        framework: 'Laravel session',
      });
    }
  }
  return undefined;
}

/** `env('NAME', 'default')` → { variable, fallback }; fallback undefined when absent or not a literal. */
function envDefault(value: Node): { variable: string; fallback: string | undefined } | undefined {
  if (value.type !== 'function_call_expression' || phpFunctionName(value) !== 'env') {
    return undefined;
  }
  const [name, fallback] = phpArguments(value);
  const variable = phpStringValue(name);
  return variable === undefined ? undefined : { variable, fallback: phpStringValue(fallback) };
}

/**
 * CodeIgniter's file session handler: CodeIgniter 4 `Config\Session` (`public string $driver = FileHandler::class;`,
 * or `$sessionDriver` in older `Config\App`) and CodeIgniter 3 `$config['sess_driver'] = 'files';`.
 */
function codeIgniterFinding(root: Node): Finding | undefined {
  const spec = {
    message: l10n.t("CodeIgniter's file session handler stores sessions under writable/session on this instance's disk: other instances cannot read them, so users lose their session when routed elsewhere or when the instance is replaced."),
    note: 'externalize-sessions-php#php-sessions',
    framework: 'CodeIgniter session',
  };
  for (const property of collect(root, ['property_element'])) {
    const name = property.childForFieldName('name')?.text;
    const value = property.childForFieldName('default_value');
    if ((name === '$driver' || name === '$sessionDriver') && value && isFileHandler(value)) {
      return makeFinding('session-store-local-disk', property.parent ?? property, spec);
    }
  }
  for (const assignment of collect(root, ['assignment_expression'])) {
    const left = assignment.childForFieldName('left');
    const parts = left?.type === 'subscript_expression' ? namedChildren(left) : [];
    if (parts[0]?.text === '$config' && phpStringValue(parts[1]) === 'sess_driver' && phpStringValue(assignment.childForFieldName('right')) === 'files') {
      return makeFinding('session-store-local-disk', assignment, spec);
    }
  }
  return undefined;
}

/** `FileHandler::class` or a string naming CodeIgniter\Session\Handlers\FileHandler. */
function isFileHandler(value: Node): boolean {
  if (value.type === 'class_constant_access_expression') {
    return /(^|\\)FileHandler::class$/.test(value.text);
  }
  return /(^|\\)FileHandler$/.test(phpStringValue(value) ?? '');
}

/** The `write` method of a save-handler class that writes session data to a local file. */
function fileSaveHandlerFinding(root: Node): Finding | undefined {
  for (const classNode of collect(root, ['class_declaration'])) {
    const heading = classNode.text.slice(0, (classNode.childForFieldName('body')?.startIndex ?? classNode.endIndex) - classNode.startIndex);
    if (!/\b(implements\s+[\w\\,\s]*\bSessionHandlerInterface|extends\s+\\?SessionHandler)\b/.test(heading)) {
      continue;
    }
    const write = collect(classNode, ['method_declaration']).find((method) => method.childForFieldName('name')?.text.toLowerCase() === 'write');
    const writesFile = write && collect(write, ['function_call_expression']).some((call) => /^(file_put_contents|fwrite|fputs)$/.test(phpFunctionName(call) ?? ''));
    if (write && writesFile) {
      return makeFinding('session-store-local-disk', write.childForFieldName('name') ?? write, {
        message: l10n.t("This session save handler writes each session to a file on this instance's disk: other instances cannot read it, so users lose their session when routed elsewhere or when the instance is replaced."),
        note: 'externalize-sessions-php#php-sessions',
        framework: 'PHP sessions',
      });
    }
  }
  return undefined;
}

function plainPhpFinding(root: Node): Finding | undefined {
  let handlerCall: Node | undefined;
  let pathCall: Node | undefined;
  for (const call of collect(root, ['function_call_expression'])) {
    const name = phpFunctionName(call);
    const args = phpArguments(call);
    if (name === 'session_set_save_handler') {
      return undefined;
    }
    if (name === 'ini_set' && args.length >= 2) {
      const option = phpStringValue(args[0]);
      if (option === 'session.save_handler') {
        if (phpStringValue(args[1]) !== 'files') {
          return undefined;
        }
        handlerCall ??= call;
      } else if (option === 'session.save_path' && isLocalPath(args[1])) {
        pathCall ??= call;
      }
    } else if (name === 'session_save_path' && args.length >= 1 && isLocalPath(args[0])) {
      pathCall ??= call;
    }
  }
  const at = handlerCall ?? pathCall;
  if (!at) {
    return undefined;
  }
  const message =
    at === handlerCall
      ? l10n.t("The \"files\" session save handler stores PHP sessions on this instance's disk: other instances cannot read them, so users lose their session when routed elsewhere or when the instance is replaced.")
      : l10n.t({
          message: "{0} to a local directory stores PHP sessions on this instance's disk: other instances cannot read them, so users lose their session when routed elsewhere or when the instance is replaced.",
          args: [phpFunctionName(at) === 'ini_set' ? "ini_set('session.save_path', ...)" : 'session_save_path(...)'],
          comment: ["{0} is PHP code that sets the session save path: ini_set('session.save_path', ...) or session_save_path(...)"],
        });
  return makeFinding('session-store-local-disk', at, {
    message,
    note: 'externalize-sessions-php#php-sessions',
    framework: 'PHP sessions',
  });
}

/** True for a save path on the local file system: `/var/...`, `N;/path`, `C:\...`, `__DIR__ . '/x'`, `sys_get_temp_dir()`. */
function isLocalPath(node: Node | undefined): boolean {
  if (!node) {
    return false;
  }
  const literal = phpStringValue(node);
  if (literal !== undefined) {
    const path = literal.replace(/^\d+;(\d+;)?/, '');
    return !path.includes('://') && !/^[\w.-]+:\d+/.test(path) && /^(\/|\.{1,2}\/|[A-Za-z]:[\\/]|~)/.test(path);
  }
  if (node.type === 'binary_expression') {
    // The leftmost operand of a concatenation decides where the path starts.
    let left: Node = node;
    while (left.type === 'binary_expression' && left.childForFieldName('left')) {
      left = left.childForFieldName('left') as Node;
    }
    return left.type !== 'binary_expression' && isLocalPath(left);
  }
  if (node.type === 'name') {
    return LOCAL_PATH_CONSTANTS.has(node.text);
  }
  if (node.type === 'function_call_expression') {
    return LOCAL_PATH_FUNCTIONS.has(phpFunctionName(node) ?? '');
  }
  return false;
}
