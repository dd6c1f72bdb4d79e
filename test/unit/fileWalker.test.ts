// The core's one file walker and the one note discovery, over an in-memory FileSystem: the rules both faces share.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mayBeAnalysed } from '../../src/core/analyzer/languages';
import { walkFiles } from '../../src/core/files/fileWalker';
import { listNoteFiles, readNoteFiles } from '../../src/core/notes/noteFiles';
import { inMemoryFileSystem } from './helpers/inMemoryFileSystem';

async function walked(files: Record<string, string | { link: string }>, root: string, isExcluded?: (path: string) => boolean): Promise<string[]> {
  const found: string[] = [];
  for await (const file of walkFiles(inMemoryFileSystem(files), root, { include: mayBeAnalysed, isExcluded })) found.push(file.relative);
  return found.sort();
}

describe('walkFiles', () => {
  test('applies .gitignore from the repository root down, with negation, and never enters ignored folders', async () => {
    const files = {
      '/repo/.git/HEAD': 'x',
      '/repo/.gitignore': 'dist/\n*.gen.js\n',
      '/repo/dist/bundle.js': 'x',
      '/repo/src/app.js': 'x',
      '/repo/src/app.gen.js': 'x',
      '/repo/src/legacy/.gitignore': '*.js\n!keep.js\n',
      '/repo/src/legacy/old.js': 'x',
      '/repo/src/legacy/keep.js': 'x',
      '/repo/src/README.md': 'x',
      '/repo/node_modules/lib/index.js': 'x',
      '/repo/src/.hg/x.js': 'x',
    };
    assert.deepEqual(await walked(files, '/repo'), ['src/app.js', 'src/legacy/keep.js']);
    // Walking a sub-folder: the .gitignore files above it still apply, relative to where they are.
    assert.deepEqual(await walked(files, '/repo/src'), ['app.js', 'legacy/keep.js']);
    assert.deepEqual(await walked(files, '/repo/src/legacy'), ['keep.js']);
  });

  test('configuration files are wanted by folder and name, not only by extension', async () => {
    const files = {
      '/srv/nginx/sites-available/shop': 'x',
      '/srv/nginx/sites-enabled/shop': 'x',
      '/srv/nginx/conf.d/api.conf': 'x',
      '/srv/lb/haproxy.cfg': 'x',
      '/srv/notes/shop': 'x',
      '/srv/LICENSE': 'x',
    };
    assert.deepEqual(await walked(files, '/srv'), ['lb/haproxy.cfg', 'nginx/conf.d/api.conf', 'nginx/sites-available/shop', 'nginx/sites-enabled/shop']);
    // Walking the site folder itself: its name still counts.
    assert.deepEqual(await walked(files, '/srv/nginx/sites-available'), ['shop']);
  });

  test('outside a repository only the walked folder’s own .gitignore files count', async () => {
    const files = { '/top/.gitignore': '*.js\n', '/top/inner/a.js': 'x', '/top/inner/.gitignore': 'b.py\n', '/top/inner/b.py': 'x', '/top/inner/c.py': 'x' };
    assert.deepEqual(await walked(files, '/top/inner'), ['a.js', 'c.py']);
  });

  test('symbolic links are not followed and exclusions by path prune folders', async () => {
    const files = { '/w/a.js': 'x', '/w/loop': { link: '/w' }, '/w/link.js': { link: '/w/a.js' }, '/w/gen/b.js': 'x', '/w/keep/c.go': 'x' };
    assert.deepEqual(await walked(files, '/w'), ['a.js', 'gen/b.js', 'keep/c.go']);
    assert.deepEqual(await walked(files, '/w', (path) => path === '/w/gen'), ['a.js', 'keep/c.go']);
  });

  test('an unreadable folder is reported and the walk goes on', async () => {
    const fs = inMemoryFileSystem({ '/w/a.js': 'x', '/w/bad/b.js': 'x' });
    const readDirectory = fs.readDirectory.bind(fs);
    fs.readDirectory = async (directory) => {
      if (directory === '/w/bad') throw new Error('EACCES');
      return readDirectory(directory);
    };
    const errors: string[] = [];
    const found: string[] = [];
    for await (const file of walkFiles(fs, '/w', { include: mayBeAnalysed, onError: (directory) => errors.push(directory) })) found.push(file.relative);
    assert.deepEqual(found, ['a.js']);
    assert.deepEqual(errors, ['/w/bad']);
  });
});

describe('note discovery', () => {
  const notes = {
    '/n/b.md': 'b',
    '/n/A.MD': 'a',
    '/n/sub/z.md': 'z',
    '/n/sub/a.md': 'a',
    '/n/.hidden/x.md': 'x',
    '/n/node_modules/pkg/readme.md': 'x',
    '/n/notes.txt': 'x',
    '/n/linked.md': { link: '/elsewhere/secret.md' },
    '/n/loop': { link: '/n' },
  };

  test('every .md file, depth-first in name order; hidden, node_modules and links left out', async () => {
    const { paths, truncated } = await listNoteFiles(inMemoryFileSystem(notes), '/n');
    assert.deepEqual(paths, ['/n/A.MD', '/n/b.md', '/n/sub/a.md', '/n/sub/z.md']);
    assert.equal(truncated, false);
  });

  test('the count cap stops the reading and says so; the byte cap reads one byte more than allowed', async () => {
    const fs = inMemoryFileSystem({ ...notes, '/n/b.md': 'bbbbbbbbbb' });
    const capped = await readNoteFiles(fs, '/n', { maxFiles: 2, maxBytes: 3, displayPath: (path) => path.slice(3) });
    assert.equal(capped.truncated, true);
    assert.deepEqual(capped.files.map((file) => file.path), ['A.MD', 'b.md']);
    assert.equal(capped.files[1].bytes.byteLength, 4);
    assert.deepEqual(fs.reads, ['/n/A.MD', '/n/b.md']);
  });
});
