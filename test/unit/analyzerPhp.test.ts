// PHP session storage configuration (phpSessionStoreDetector): Laravel config/session.php and plain ini settings.
import { describe, test, after } from 'node:test';
import assert from 'node:assert/strict';
import { createAnalyzer } from '../../src/core/analyzer/analyzer';
import { phpSessionStoreDetector } from '../../src/core/analyzer/detectors/phpSessionStoreDetector';
import type { Finding } from '../../src/core/analyzer/types';
import { nodeWasmLoader } from './analyzerHelpers';

const analyzer = createAnalyzer(nodeWasmLoader, { detectors: [phpSessionStoreDetector] });
after(() => analyzer.dispose());

async function findings(text: string): Promise<readonly Finding[]> {
  const result = await analyzer.analyze(text, 'php');
  assert.equal(result.skipped, undefined);
  return result.findings;
}

async function summary(text: string): Promise<string[]> {
  return (await findings(text)).map((finding) => `${finding.range.start.line}:${finding.rule}`);
}

const sessionConfig = (driver: string): string => `<?php

return [
    'driver' => ${driver},
    'lifetime' => 120,
    'cookie' => 'app_session',
];
`;

describe('phpSessionStoreDetector: Laravel', () => {
  test('a file driver (literal or env default) is local disk, as a hint at the driver entry', async () => {
    const [finding, ...rest] = await findings(sessionConfig("env('SESSION_DRIVER', 'file')"));
    assert.equal(rest.length, 0);
    assert.equal(finding.rule, 'session-store-local-disk');
    assert.equal(finding.severity, 'hint');
    assert.equal(finding.note, 'externalize-sessions-php#laravel');
    assert.equal(finding.framework, 'Laravel session');
    assert.deepEqual(finding.range.start, { line: 3, character: 4 });
    assert.deepEqual(await summary(sessionConfig("'file'")), ['3:session-store-local-disk']);
  });

  test('the array driver keeps sessions in memory', async () => {
    const [finding] = await findings(sessionConfig('"array"'));
    assert.equal(finding.rule, 'session-store-in-memory');
    assert.equal(finding.severity, 'warning');
    assert.equal(finding.range.start.line, 3);
  });

  test('external drivers and an env() without default stand down', async () => {
    for (const driver of ["'redis'", "'database'", "'cookie'", "'memcached'", "env('SESSION_DRIVER', 'redis')", "env('SESSION_DRIVER')"]) {
      assert.deepEqual(await summary(sessionConfig(driver)), [], driver);
    }
  });

  test('other config arrays with a driver key (cache stores, filesystems) stand down', async () => {
    const cache = `<?php
return [
    'default' => env('CACHE_DRIVER', 'file'),
    'stores' => ['file' => ['driver' => 'file', 'path' => storage_path('framework/cache')]],
];
`;
    assert.deepEqual(await summary(cache), []);
    const disk = `<?php
return ['driver' => 'file', 'root' => storage_path('app')];
`;
    assert.deepEqual(await summary(disk), []);
    const envOnly = `<?php
return ['driver' => env('SESSION_DRIVER', 'file')];
`;
    assert.deepEqual(await summary(envOnly), ['1:session-store-local-disk']);
  });
});

describe('phpSessionStoreDetector: plain PHP', () => {
  test('the files save handler is reported once, at the ini_set call', async () => {
    const text = `<?php
ini_set('session.save_handler', 'files');
session_save_path('/var/lib/php/sessions');
session_start();
`;
    const [finding, ...rest] = await findings(text);
    assert.equal(rest.length, 0);
    assert.equal(finding.rule, 'session-store-local-disk');
    assert.equal(finding.range.start.line, 1);
    assert.equal(finding.note, 'externalize-sessions-php#php-sessions');
    assert.equal(finding.framework, 'PHP sessions');
  });

  test('a local save path alone is reported: absolute, N;path, __DIR__ concatenation, temp dir', async () => {
    for (const path of ["'/tmp/sessions'", "'2;/var/sessions'", "__DIR__ . '/sessions'", 'sys_get_temp_dir()', '"C:\\\\php\\\\sessions"']) {
      assert.deepEqual(await summary(`<?php\nsession_save_path(${path});\n`), ['1:session-store-local-disk'], path);
    }
    assert.deepEqual(await summary("<?php\nini_set('session.save_path', '/srv/sessions');\n"), ['1:session-store-local-disk']);
  });

  test('network handlers, custom handlers, remote paths and getters stand down', async () => {
    const cases = [
      "<?php\nini_set('session.save_handler', 'redis');\nini_set('session.save_path', 'tcp://redis:6379');\n",
      "<?php\nini_set('session.save_handler', 'memcached');\nsession_save_path('/tmp');\n",
      "<?php\nsession_set_save_handler(new DbHandler(), true);\nsession_save_path('/tmp');\n",
      "<?php\nsession_save_path('memcache:11211');\n",
      "<?php\n$path = session_save_path();\n",
      "<?php\n// ini_set('session.save_handler', 'files');\n$x = 'session_save_path(\"/tmp\")';\n",
    ];
    for (const text of cases) {
      assert.deepEqual(await summary(text), [], text);
    }
  });
});

describe('phpSessionStoreDetector: CodeIgniter', () => {
  test('CodeIgniter 4 FileHandler and CodeIgniter 3 files driver are local disk', async () => {
    const ci4 = `<?php
namespace Config;
use CodeIgniter\\Session\\Handlers\\FileHandler;
class Session extends \\CodeIgniter\\Config\\BaseConfig
{
    public string $driver = FileHandler::class;
}
`;
    const [finding] = await findings(ci4);
    assert.equal(finding.rule, 'session-store-local-disk');
    assert.equal(finding.range.start.line, 5);
    assert.equal(finding.framework, 'CodeIgniter session');
    assert.deepEqual(await summary("<?php\nclass App { public $sessionDriver = 'CodeIgniter\\Session\\Handlers\\FileHandler'; }\n"), ['1:session-store-local-disk']);
    assert.deepEqual(await summary("<?php\n$config['sess_driver'] = 'files';\n"), ['1:session-store-local-disk']);
  });

  test('other CodeIgniter handlers stand down', async () => {
    assert.deepEqual(await summary('<?php\nclass Session { public string $driver = RedisHandler::class; }\n'), []);
    assert.deepEqual(await summary("<?php\n$config['sess_driver'] = 'database';\n"), []);
  });
});
