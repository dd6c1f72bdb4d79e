import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { splitFrontMatter, type FrontMatterResult } from '../../src/core/notes/frontMatter';

function ok(result: FrontMatterResult) {
  assert.equal(result.ok, true, result.ok ? '' : result.error.message);
  if (!result.ok) {
    throw new Error('unreachable');
  }
  return result.frontMatter;
}

function failure(result: FrontMatterResult) {
  assert.equal(result.ok, false);
  if (result.ok) {
    throw new Error('unreachable');
  }
  return result.error;
}

describe('splitFrontMatter', () => {
  test('splits the YAML mapping from the body and records where each field is', () => {
    const text = [
      '---',
      'id: sticky-sessions',
      'tags: [a, b]',
      'ddia:',
      '  - { edition: 2, chapter: 6, title: Replication }',
      '---',
      '## Problem',
      '',
      'Text.',
    ].join('\n');
    const split = ok(splitFrontMatter(text));
    assert.deepEqual(split.data, {
      id: 'sticky-sessions',
      tags: ['a', 'b'],
      ddia: [{ edition: 2, chapter: 6, title: 'Replication' }],
    });
    assert.equal(split.body, '## Problem\n\nText.');
    assert.equal(split.bodyStartLine, 6);
    assert.deepEqual(
      [...split.fieldLines],
      [
        ['id', 1],
        ['tags', 2],
        ['tags[0]', 2],
        ['tags[1]', 2],
        ['ddia', 3],
        ['ddia[0]', 4],
        ['ddia[0].edition', 4],
        ['ddia[0].chapter', 4],
        ['ddia[0].title', 4],
      ],
    );
  });

  test('normalises CRLF line endings and strips a byte-order mark', () => {
    const split = ok(splitFrontMatter('\uFEFF---\r\nid: a\r\n---\r\nline one\r\nline two\r\n'));
    assert.deepEqual(split.data, { id: 'a' });
    assert.equal(split.body, 'line one\nline two\n');
    assert.equal(split.bodyStartLine, 3);
  });

  test('accepts trailing spaces on the fence lines', () => {
    const split = ok(splitFrontMatter('---  \nid: a\n--- \nbody'));
    assert.deepEqual(split.data, { id: 'a' });
    assert.equal(split.body, 'body');
  });

  test('reports missing front matter', () => {
    assert.deepEqual(failure(splitFrontMatter('# Just a heading\n\nText.')), {
      message: 'missing front matter: the file must start with a "---" line, then YAML fields, then a closing "---" line',
      line: 0,
    });
  });

  test('refuses ---js front matter without evaluating it', () => {
    const text = '---js\n{ id: (function () { globalThis.statecraftPwned = true; return "x"; })() }\n---\nbody';
    assert.deepEqual(failure(splitFrontMatter(text)), {
      message: 'front matter must open with a line that is exactly "---" (found "---js")',
      line: 0,
    });
    assert.equal((globalThis as Record<string, unknown>).statecraftPwned, undefined);
  });

  test('reports front matter that is never closed', () => {
    assert.deepEqual(failure(splitFrontMatter('---\nid: a\ntitle: b\n')), {
      message: 'front matter is not closed: no "---" line after the opening one',
      line: 0,
    });
  });

  test('reports broken YAML with the file line of the error', () => {
    assert.deepEqual(failure(splitFrontMatter('---\nid: a\ntitle: "unterminated\n---\nbody')), {
      message: 'front matter is not valid YAML (line 3): Missing closing "quote',
      line: 2,
    });
    assert.deepEqual(failure(splitFrontMatter('---\nid: a\n  bad: indent\n---\n')), {
      message: 'front matter is not valid YAML (line 2): Nested mappings are not allowed in compact mappings',
      line: 1,
    });
  });

  test('reports duplicate keys on the line of the second one', () => {
    assert.deepEqual(failure(splitFrontMatter('---\nid: a\ntitle: T\nid: b\n---\n')), {
      message: 'front matter is not valid YAML (line 4): Map keys must be unique',
      line: 3,
    });
  });

  test('refuses YAML tags instead of resolving them', () => {
    assert.deepEqual(failure(splitFrontMatter('---\nid: a\nx: !!js/function "function () {}"\n---\n')), {
      message: 'front matter uses an unsupported YAML feature (line 3): Unresolved tag: tag:yaml.org,2002:js/function',
      line: 2,
    });
  });

  test('refuses front matter that is not a mapping, or is empty', () => {
    assert.deepEqual(failure(splitFrontMatter('---\n- a\n- b\n---\n')), {
      message: 'front matter must be a YAML mapping of "field: value" lines',
      line: 1,
    });
    assert.deepEqual(failure(splitFrontMatter('---\n\n---\nbody')), { message: 'front matter is empty', line: 0 });
  });

  test('a __proto__ key stays an own property and pollutes nothing', () => {
    const split = ok(splitFrontMatter('---\n__proto__: { polluted: true }\nid: a\n---\n'));
    assert.deepEqual(Object.keys(split.data), ['__proto__', 'id']);
    assert.equal(({} as Record<string, unknown>).polluted, undefined);
  });

  test('treats later --- lines in the body as body text', () => {
    const split = ok(splitFrontMatter('---\nid: a\n---\nabove\n\n---\n\nbelow'));
    assert.equal(split.body, 'above\n\n---\n\nbelow');
  });
});
