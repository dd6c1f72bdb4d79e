// Ruby session storage configuration (rubySessionStoreDetector): Rails cache-store sessions and Rack::Session::Pool.
import { describe, test, after } from 'node:test';
import assert from 'node:assert/strict';
import { createAnalyzer } from '../../src/core/analyzer/analyzer';
import { rubySessionStoreDetector } from '../../src/core/analyzer/detectors/rubySessionStoreDetector';
import type { Finding } from '../../src/core/analyzer/types';
import { nodeWasmLoader } from './analyzerHelpers';

const analyzer = createAnalyzer(nodeWasmLoader, { detectors: [rubySessionStoreDetector] });
after(() => analyzer.dispose());

async function findings(text: string): Promise<readonly Finding[]> {
  const result = await analyzer.analyze(text, 'ruby');
  assert.equal(result.skipped, undefined);
  return result.findings;
}

async function summary(text: string): Promise<string[]> {
  return (await findings(text)).map((finding) => `${finding.range.start.line}:${finding.rule}`);
}

const environment = (...lines: string[]): string => `Rails.application.configure do\n${lines.map((line) => `  ${line}\n`).join('')}end\n`;

describe('rubySessionStoreDetector', () => {
  test('cache_store sessions over a memory cache are in memory, reported at session_store', async () => {
    const text = environment('config.cache_store = :memory_store, { size: 64.megabytes }', 'config.session_store :cache_store, key: "_app"');
    const [finding, ...rest] = await findings(text);
    assert.equal(rest.length, 0);
    assert.equal(finding.rule, 'session-store-in-memory');
    assert.equal(finding.severity, 'warning');
    assert.equal(finding.note, 'externalize-sessions-ruby#rails');
    assert.equal(finding.framework, 'Rails session (cache store)');
    assert.deepEqual(finding.range.start, { line: 2, character: 2 });
  });

  test('cache_store sessions over a file cache are on local disk (hint)', async () => {
    const [finding] = await findings(environment('config.session_store(:cache_store)', 'config.cache_store = :file_store, "/var/cache/app"'));
    assert.equal(finding.rule, 'session-store-local-disk');
    assert.equal(finding.severity, 'hint');
    assert.equal(finding.range.start.line, 1);
  });

  test('Rails.application.config receivers and the CacheStore class are recognised', async () => {
    const text = 'Rails.application.config.cache_store = :memory_store\nRails.application.config.session_store ActionDispatch::Session::CacheStore\n';
    assert.deepEqual(await summary(text), ['1:session-store-in-memory']);
  });

  test('stands down for external caches, other session stores, a cache alone, or no cache store in the file', async () => {
    const cases = [
      environment('config.session_store :cache_store', 'config.cache_store = :redis_cache_store, { url: ENV["REDIS_URL"] }'),
      environment('config.session_store :cache_store', 'config.cache_store = :mem_cache_store'),
      environment('config.session_store :cache_store', 'if ENV["CI"]', '  config.cache_store = :memory_store', 'else', '  config.cache_store = :redis_cache_store', 'end'),
      environment('config.session_store :cookie_store, key: "_app"', 'config.cache_store = :memory_store'),
      environment('config.session_store :active_record_store', 'config.cache_store = :memory_store'),
      environment('config.cache_store = :memory_store'),
      environment('config.session_store :cache_store'),
      environment('# config.session_store :cache_store', 'config.cache_store = :memory_store'),
    ];
    for (const text of cases) {
      assert.deepEqual(await summary(text), [], text);
    }
  });

  test('development and test environment files stand down', async () => {
    const production = environment('config.session_store :cache_store', 'config.cache_store = :memory_store');
    assert.deepEqual(await summary(production), ['1:session-store-in-memory']);
    for (const setting of ['config.consider_all_requests_local = true', 'config.enable_reloading = true', 'config.cache_classes = false']) {
      const text = environment(setting, 'config.session_store :cache_store', 'config.cache_store = :memory_store');
      assert.deepEqual(await summary(text), [], setting);
    }
  });

  test('Rack::Session::Pool on a Rails middleware stack', async () => {
    assert.deepEqual(await summary('Rails.application.config.middleware.use Rack::Session::Pool\n'), ['0:session-store-in-memory']);
    assert.deepEqual(await summary('config.middleware.insert_after ActionDispatch::Cookies, ::Rack::Session::Pool\n'), ['0:session-store-in-memory']);
    assert.deepEqual(await summary('router.use Rack::Session::Pool\n'), []);
  });

  test('Rack::Session::Pool middleware is an in-memory session store; cookie middleware is not', async () => {
    const text = `class App < Sinatra::Base
  use Rack::Session::Cookie, secret: ENV["SECRET"]
  use Rack::Session::Pool, expire_after: 3600
end
`;
    const [finding, ...rest] = await findings(text);
    assert.equal(rest.length, 0);
    assert.equal(finding.rule, 'session-store-in-memory');
    assert.equal(finding.range.start.line, 2);
    assert.equal(finding.framework, 'Rack::Session::Pool');
  });
});
