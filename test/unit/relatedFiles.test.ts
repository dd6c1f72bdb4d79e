// The editor's reader of related files: cached reads through the FileSystem port, dependents recorded per read so a
// change re-analyses exactly the files that followed an import there, and "not there" for anything outside the
// folder, symbolic links, oversized files and failed reads.

import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { RelatedFileReader } from '../../src/core/analyzer/relatedFiles';
import { inMemoryFileSystem } from './helpers/inMemoryFileSystem';

describe('RelatedFileReader', () => {
  test('reads a module once for every file that imports it, and lists those files when it changes', async () => {
    const fileSystem = inMemoryFileSystem({ '/ws/src/store.js': 'module.exports = 1;\n', '/ws/src/other.js': 'x' });
    const related = new RelatedFileReader(fileSystem);
    const fromApp = related.readerFor('/ws', 'file:///ws/src/app.js');
    const fromAdmin = related.readerFor('/ws', 'file:///ws/src/admin.js');
    assert.equal(await fromApp('src/store.js'), 'module.exports = 1;\n');
    assert.equal(await fromAdmin('src/store.js'), 'module.exports = 1;\n');
    assert.equal(fileSystem.reads.filter((path) => path === '/ws/src/store.js').length, 1);
    assert.deepEqual(related.invalidate('/ws/src/store.js').sort(), ['file:///ws/src/admin.js', 'file:///ws/src/app.js']);
    assert.deepEqual(related.invalidate('/ws/src/other.js'), []);
    // After the change the next read goes to the file system again.
    await fromApp('src/store.js');
    assert.equal(fileSystem.reads.filter((path) => path === '/ws/src/store.js').length, 2);
  });

  test('a module that does not exist yet is remembered as absent until it is created', async () => {
    const files: Record<string, string> = {};
    const related = new RelatedFileReader(inMemoryFileSystem(files));
    const read = related.readerFor('/ws', 'app');
    assert.equal(await read('sessionStore.js'), undefined);
    files['/ws/sessionStore.js'] = 'new session.MemoryStore()';
    assert.equal(await read('sessionStore.js'), undefined, 'cached as absent');
    assert.deepEqual(related.invalidate('/ws/sessionStore.js'), ['app']);
    assert.equal(await read('sessionStore.js'), 'new session.MemoryStore()');
  });

  test('not there: outside the folder, absolute or scheme paths, symbolic links, oversized files', async () => {
    const fileSystem = inMemoryFileSystem({ '/ws/big.js': 'x'.repeat(100), '/ws/link.js': { link: '/etc/passwd' }, '/secret.js': 's' });
    const read = new RelatedFileReader(fileSystem, { maxBytes: 10 }).readerFor('/ws', 'a');
    assert.deepEqual(await Promise.all(['../secret.js', '/secret.js', 'file:///secret.js', 'link.js', 'big.js', ''].map(read)), [undefined, undefined, undefined, undefined, undefined, undefined]);
  });

  test('forgetDependent drops the records of a closed file and the texts nobody else reads', async () => {
    const fileSystem = inMemoryFileSystem({ '/ws/a.js': 'a' });
    const related = new RelatedFileReader(fileSystem);
    await related.readerFor('/ws', 'one')('a.js');
    related.forgetDependent('one');
    assert.deepEqual(related.invalidate('/ws/a.js'), []);
    await related.readerFor('/ws', 'two')('a.js');
    assert.equal(fileSystem.reads.filter((path) => path === '/ws/a.js').length, 2);
  });
});
