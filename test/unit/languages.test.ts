// The file-kind table is the one home of "which files, which language": these checks hold the derived views
// (selector ids, workspace glob, suppression syntax, test conventions) to it.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import picomatch from 'picomatch';
import {
  analysedFilesGlob, analysedVscodeLanguageIds, defaultExtension, FILE_KINDS, isTestFile, languageForFile, languageForVscodeId, mayBeAnalysed,
} from '../../src/core/analyzer/languages';
import { listSuppressions, suppressionComment } from '../../src/core/analyzer/suppressions';

describe('file-kind table', () => {
  test('each kind’s endings map back to it, and its VS Code ids too', () => {
    // Kinds that sniff (nginx, HAProxy, JSON templates) are chosen from their text: give each a typical first line.
    const heads: Record<string, string> = { nginx: 'upstream app {\n  server a:80;\n}\n', haproxy: 'global\n  daemon\n', json: '{ "AWSTemplateFormatVersion": "2010-09-09",' };
    for (const kind of FILE_KINDS) {
      const head = heads[kind.id];
      assert.equal('sniff' in kind, head !== undefined, `${kind.id}: a sniffing kind has a sample head here`);
      for (const extension of kind.extensions) {
        assert.equal(languageForFile(`src/app${extension}`, head), kind.id, extension);
        assert.equal(languageForFile(`SRC/APP${extension.toUpperCase()}`, head), kind.id, `${extension} in upper case`);
        assert.ok(mayBeAnalysed(`app${extension}`));
      }
      for (const id of kind.vscodeLanguageIds) assert.equal(languageForVscodeId(id), kind.id, id);
      assert.equal(languageForFile(`untitled-1${defaultExtension(kind.id)}`, head), kind.id);
    }
    assert.equal(languageForFile('deploy/default.conf'), undefined, 'without its text an ambiguous name is not decided');
    assert.equal(languageForFile('deploy/default.conf', '[Unit]\nDescription=x\n'), undefined, 'a systemd unit is not nginx');
    assert.equal(languageForFile('etc/nginx/sites-available/example', 'server {\n  listen 80;\n}\n'), 'nginx');
    assert.equal(languageForFile('test/statecraft-baseline.json', '{ "version": 1, "findings": [] }'), undefined, 'JSON data is not a template');
    assert.equal(languageForVscodeId('markdown'), undefined);
    assert.equal(mayBeAnalysed('types.d.ts'), false);
  });

  test('the selector ids are unique and cover every kind', () => {
    const ids = analysedVscodeLanguageIds();
    assert.equal(new Set(ids).size, ids.length);
    assert.deepEqual(ids.sort(), FILE_KINDS.flatMap((kind) => kind.vscodeLanguageIds).sort());
  });

  test('the workspace glob matches exactly the names the table recognises', () => {
    const matches = picomatch(analysedFilesGlob(), { dot: true });
    for (const file of ['a/b/server.js', 'x.tsx', 'deep/dir/views.py', 'Main.java', 'main.go', 'Program.cs', 'index.php', 'config.rb', 'x.mts']) {
      assert.ok(matches(file), file);
      assert.ok(mayBeAnalysed(file), file);
    }
    for (const file of ['deploy/nginx.conf', 'haproxy.cfg', 'k8s/service.yaml', 'main.tf', 'main.bicep', 'azuredeploy.json', 'etc/nginx/sites-available/example']) {
      assert.ok(matches(file), file);
      assert.ok(mayBeAnalysed(file), file);
    }
    for (const file of ['README.md', 'a/b/style.css', 'Makefile', 'notes.txt']) {
      assert.equal(matches(file), false, file);
      assert.equal(mayBeAnalysed(file), false, file);
    }
  });

  test('a suppression written for a language is one that language’s scanner reads back', () => {
    for (const kind of FILE_KINDS) {
      const line = suppressionComment(kind.id, '    ', 'single instance\nby design');
      assert.equal(line.endsWith('\n'), true);
      assert.deepEqual(listSuppressions(`${line}code();\n`, kind.id), [{ line: 0, reason: 'single instance by design' }], kind.id);
    }
    assert.equal(suppressionComment('python', '', 'why'), '# statecraft-ignore: why\n');
    assert.equal(suppressionComment('go', '\t', 'why'), '\t// statecraft-ignore: why\n');
  });

  test('comment syntax: hash only where the language has it, block-comment lines where it has those', () => {
    assert.equal(listSuppressions('# statecraft-ignore: x\n', 'javascript').length, 0);
    assert.equal(listSuppressions('// statecraft-ignore: x\n', 'python').length, 0);
    assert.equal(listSuppressions('# statecraft-ignore: x\n', 'php').length, 1);
    assert.equal(listSuppressions('/* statecraft-ignore: x */\n', 'csharp')[0]?.reason, 'x');
    assert.equal(listSuppressions(' * statecraft-ignore: x\n', 'java').length, 1);
    assert.equal(listSuppressions('## statecraft-ignore: x\n', 'ruby').length, 1);
  });

  test('test conventions belong to their ecosystem', () => {
    assert.equal(isTestFile('handler_test.go'), true);
    assert.equal(isTestFile('handler_test.js'), false, 'Go’s convention does not make a JavaScript file a test');
    assert.equal(isTestFile('UserTest.java'), true);
    assert.equal(isTestFile('usertest.java'), false, 'the Java convention is case-sensitive');
    assert.equal(isTestFile('session_spec.rb'), true);
    assert.equal(isTestFile('session_spec.py'), false);
  });
});
