import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { NoteProblem } from '../../src/core/notes/note';
import {
  linkNotes,
  loadNoteCollection,
  loadNoteRoots,
  parseNote,
  parseNotes,
  readingMinutesFor,
} from '../../src/core/notes/noteLoader';
import { hasSeveralSentences, validateFrontMatter } from '../../src/core/notes/noteValidator';
import { noteFile, noteText, STANDARD_BODY, textFile } from './helpers/noteFixtures';

/** The problems of one file, reduced to what a reader sees: field, line and message. */
function problemsOf(file: Parameters<typeof parseNote>[0], maxBytes?: number) {
  const parsed = parseNote(file, 'bundled', maxBytes === undefined ? {} : { maxBytes });
  return { loaded: parsed.note !== undefined, problems: parsed.problems.map(summary) };
}

function summary(problem: NoteProblem) {
  return {
    field: problem.field,
    line: problem.line,
    message: problem.message,
    ...(problem.severity === undefined ? {} : { severity: problem.severity }),
  };
}

/** Asserts a file is rejected with exactly one problem on `field`, and that the message names file and field. */
function assertRejected(file: Parameters<typeof parseNote>[0], field: string | undefined, line: number, message: string) {
  const result = problemsOf(file);
  assert.deepEqual(result, { loaded: false, problems: [{ field, line, message }] });
  assert.ok(message.startsWith(`${file.path}:`), 'message names the file');
  if (field !== undefined) {
    assert.ok(message.includes(`field "${field}"`), 'message names the field');
  }
}

describe('parseNote: a valid note', () => {
  test('loads with its metadata, headings, word count and reading time', () => {
    const file = noteFile('sticky-sessions', {
      title: 'Sticky Sessions',
      category: '[References, Architecture Design Basics]',
      priority: 'P0',
      summary: '>\n  Route every request of a session\n  to the same server.',
      aliases: '[session affinity, session persistence]',
      related: '[consistent-hashing]',
      ddia: '\n  - { edition: 2, chapter: 6, title: Replication, topic: copies of state }\n  - { edition: 1, chapter: 6, title: Partitioning }',
      sources: '\n  - { title: "Redis docs", url: "https://redis.io/docs/" }',
    });
    const { note, problems } = parseNote(file, 'bundled');
    assert.deepEqual(problems, []);
    assert.deepEqual(note, {
      id: 'sticky-sessions',
      title: 'Sticky Sessions',
      category: ['References', 'Architecture Design Basics'],
      priority: 'P0',
      summary: 'Route every request of a session to the same server.',
      tags: ['testing'],
      aliases: ['session affinity', 'session persistence'],
      related: ['consistent-hashing'],
      ddia: [
        { edition: 2, chapter: 6, title: 'Replication', topic: 'copies of state' },
        { edition: 1, chapter: 6, title: 'Partitioning' },
      ],
      sources: [{ title: 'Redis docs', url: 'https://redis.io/docs/' }],
      body: STANDARD_BODY,
      headings: [
        { level: 2, text: 'Problem', slug: 'problem', line: 0 },
        { level: 2, text: 'Mechanism', slug: 'mechanism', line: 4 },
        { level: 2, text: 'Key Trade-offs', slug: 'key-trade-offs', line: 8 },
        { level: 2, text: 'Instinct', slug: 'instinct', line: 12 },
        { level: 2, text: 'Interview', slug: 'interview', line: 16 },
        { level: 2, text: 'References', slug: 'references', line: 20 },
      ],
      wordCount: 25,
      readingMinutes: 1,
      sourcePath: 'content/sticky-sessions.md',
      root: 'bundled',
      bodyStartLine: 17,
    });
  });

  test('headings use slugify, are unique like GitHub, and ignore # lines in code', () => {
    const body = '# Top\n\n## Socket.IO `adapter`\n\n```sh\n# not a heading\n```\n\n## Example\n\n### Example\n\n## ASP.NET Core session\n';
    const { note } = parseNote(noteFile('a', {}, body), 'bundled');
    assert.deepEqual(
      note?.headings.map((heading) => [heading.level, heading.slug, heading.line]),
      [
        [1, 'top', 0],
        [2, 'socketio-adapter', 2],
        [2, 'example', 8],
        [3, 'example-1', 10],
        [2, 'aspnet-core-session', 12],
      ],
    );
  });

  test('reading time is words / 200, rounded, at least 1 minute', () => {
    assert.equal(readingMinutesFor(0), 1);
    assert.equal(readingMinutesFor(299), 1);
    assert.equal(readingMinutesFor(300), 2);
    assert.equal(readingMinutesFor(1000), 5);
    const { note } = parseNote(noteFile('a', {}, `${'word '.repeat(1000)}\n`), 'bundled');
    assert.equal(note?.wordCount, 1000);
    assert.equal(note?.readingMinutes, 5);
  });

  test('an unknown field is a warning: the note still loads', () => {
    const result = problemsOf(noteFile('a', { colour: 'blue' }));
    assert.deepEqual(result, {
      loaded: true,
      problems: [
        {
          field: 'colour',
          line: 11,
          message:
            'content/a.md: field "colour": unknown field (ignored); expected only id, title, category, priority, checked, summary, tags, aliases, related, ddia, sources, questions',
          severity: 'warning',
        },
      ],
    });
  });

  test('accepts a URI as the path and takes the id from its decoded base name', () => {
    const { note, problems } = parseNote(textFile('file:///home/me/notes/my-note.md', noteText('my-note')), 'My notes');
    assert.deepEqual(problems, []);
    assert.equal(note?.id, 'my-note');
    assert.equal(note?.root, 'My notes');
  });
});

describe('parseNote: rejected files', () => {
  test('empty file', () => {
    assertRejected(textFile('content/a.md', ''), undefined, 0, 'content/a.md: file is empty');
    assertRejected(textFile('content/a.md', ' \n\n'), undefined, 0, 'content/a.md: file is empty');
  });

  test('binary file (NUL bytes)', () => {
    assertRejected(
      { path: 'content/a.md', bytes: new Uint8Array([0x2d, 0x2d, 0x2d, 0x0a, 0x00, 0x01]) },
      undefined,
      0,
      'content/a.md: file is binary (it contains NUL bytes), not a Markdown note',
    );
  });

  test('non-UTF-8 bytes', () => {
    const latin1 = new Uint8Array([...new TextEncoder().encode(noteText('a')), 0xe9, 0x74, 0xe9]);
    assertRejected({ path: 'content/a.md', bytes: latin1 }, undefined, 0, 'content/a.md: file is not valid UTF-8 text');
  });

  test('huge file over the cap', () => {
    const text = noteText('a', {}, `${STANDARD_BODY}${'x'.repeat(2000)}`);
    assert.deepEqual(problemsOf(textFile('content/a.md', text), 1000), {
      loaded: false,
      problems: [{ field: undefined, line: 0, message: 'content/a.md: file is larger than the 1000-byte limit for a note' }],
    });
    assert.equal(problemsOf(textFile('content/a.md', text)).loaded, true, 'the default cap is 1 MB');
    const overDefault = textFile('content/a.md', noteText('a', {}, 'x'.repeat(1024 * 1024)));
    assert.deepEqual(problemsOf(overDefault).problems.map((problem) => problem.message), [
      'content/a.md: file is larger than the 1048576-byte limit for a note',
    ]);
  });

  test('not a .md file', () => {
    assertRejected(textFile('content/a.txt', noteText('a')), undefined, 0, 'content/a.txt: not a note: note files are named <id>.md');
  });

  test('missing front matter', () => {
    assertRejected(
      textFile('content/a.md', STANDARD_BODY),
      undefined,
      0,
      'content/a.md: missing front matter: the file must start with a "---" line, then YAML fields, then a closing "---" line',
    );
  });

  test('broken YAML, with its line', () => {
    assertRejected(
      textFile('content/a.md', '---\nid: a\ntitle: [Unclosed\npriority: P1\n---\nbody'),
      undefined,
      3,
      'content/a.md: front matter is not valid YAML (line 4): Flow sequence in block collection must be sufficiently indented and end with a ]',
    );
  });

  test('id: missing, not a slug, different from the file name', () => {
    assertRejected(noteFile('a', { id: null }), 'id', 0, 'content/a.md: field "id": is required but missing');
    assertRejected(
      noteFile('Bad_Name', { id: 'Bad_Name' }),
      'id',
      1,
      'content/Bad_Name.md: field "id": expected a slug (lower-case letters, digits and single hyphens, e.g. "sticky-sessions") but got "Bad_Name"',
    );
    assertRejected(
      noteFile('a', { id: 'b' }),
      'id',
      1,
      'content/a.md: field "id": "b" must equal the file name without .md ("a")',
    );
    assertRejected(
      noteFile('a', { id: '42' }),
      'id',
      1,
      'content/a.md: field "id": expected a non-empty string but got number 42',
    );
  });

  test('title: missing, empty, wrong type', () => {
    assertRejected(noteFile('a', { title: null }), 'title', 0, 'content/a.md: field "title": is required but missing');
    assertRejected(noteFile('a', { title: '""' }), 'title', 2, 'content/a.md: field "title": expected a non-empty string but got ""');
    assertRejected(noteFile('a', { title: '[A, B]' }), 'title', 2, 'content/a.md: field "title": expected a non-empty string but got a list');
  });

  test('category: missing, empty, not a list, bad entries', () => {
    assertRejected(noteFile('a', { category: null }), 'category', 0, 'content/a.md: field "category": is required but missing');
    assertRejected(
      noteFile('a', { category: '[]' }),
      'category',
      3,
      'content/a.md: field "category": expected a non-empty list of category names but got an empty list',
    );
    assertRejected(
      noteFile('a', { category: 'References' }),
      'category',
      3,
      'content/a.md: field "category": expected a non-empty list of category names but got "References"',
    );
    assert.deepEqual(problemsOf(noteFile('a', { category: '[References, "", 3, "A/B"]' })), {
      loaded: false,
      problems: [
        { field: 'category[1]', line: 3, message: 'content/a.md: field "category[1]": expected a non-empty string but got ""' },
        { field: 'category[2]', line: 3, message: 'content/a.md: field "category[2]": expected a non-empty string but got number 3' },
        {
          field: 'category[3]',
          line: 3,
          message: 'content/a.md: field "category[3]": category names must not contain "/" but got "A/B"',
        },
      ],
    });
  });

  test('priority: missing or not P0/P1/P2', () => {
    assertRejected(noteFile('a', { priority: null }), 'priority', 0, 'content/a.md: field "priority": is required but missing (one of P0, P1, P2)');
    assertRejected(noteFile('a', { priority: 'P9' }), 'priority', 4, 'content/a.md: field "priority": expected one of P0, P1, P2 but got "P9"');
    assertRejected(noteFile('a', { priority: '1' }), 'priority', 4, 'content/a.md: field "priority": expected one of P0, P1, P2 but got number 1');
  });

  test('summary: missing, empty, several sentences', () => {
    assertRejected(noteFile('a', { summary: null }), 'summary', 0, 'content/a.md: field "summary": is required but missing');
    assertRejected(noteFile('a', { summary: "''" }), 'summary', 5, 'content/a.md: field "summary": expected a non-empty string but got ""');
    assertRejected(
      noteFile('a', { summary: 'Caches are fast. They are also stale.' }),
      'summary',
      5,
      'content/a.md: field "summary": expected one sentence but got several: "Caches are fast. They are also stale."',
    );
  });

  test('one-sentence detection ignores abbreviations and decimals', () => {
    assert.equal(hasSeveralSentences('Compare e.g. Redis vs. Memcached, i.e. two caches, at 0.5 ms.'), false);
    assert.equal(hasSeveralSentences('Node.js keeps sessions in memory.'), false);
    assert.equal(hasSeveralSentences('It works. Then it fails.'), true);
    assert.equal(hasSeveralSentences('Why? Because state moves.'), true);
  });

  test('tags, aliases, related: missing, not lists, bad entries', () => {
    assertRejected(noteFile('a', { tags: null }), 'tags', 0, 'content/a.md: field "tags": is required but missing (use [] for none)');
    assertRejected(noteFile('a', { tags: 'sessions' }), 'tags', 6, 'content/a.md: field "tags": expected a list (use [] for none) but got "sessions"');
    assertRejected(noteFile('a', { aliases: null }), 'aliases', 0, 'content/a.md: field "aliases": is required but missing (use [] for none)');
    assertRejected(noteFile('a', { aliases: '[ok, 7]' }), 'aliases[1]', 7, 'content/a.md: field "aliases[1]": expected a non-empty string but got number 7');
    assertRejected(noteFile('a', { related: null }), 'related', 0, 'content/a.md: field "related": is required but missing (use [] for none)');
    assertRejected(
      noteFile('a', { related: '[Not A Slug]' }),
      'related[0]',
      8,
      'content/a.md: field "related[0]": expected a note id (a slug such as "consistent-hashing") but got "Not A Slug"',
    );
    assertRejected(noteFile('a', { related: '[a]' }), 'related[0]', 8, 'content/a.md: field "related[0]": a note cannot list itself as related');
  });

  test('ddia: missing, wrong shapes, wrong edition, chapter and title', () => {
    assertRejected(noteFile('a', { ddia: null }), 'ddia', 0, 'content/a.md: field "ddia": is required but missing (use [] when no chapter applies)');
    assertRejected(noteFile('a', { ddia: '[5]' }), 'ddia[0]', 9, 'content/a.md: field "ddia[0]": expected a mapping { edition, chapter, title, topic? } but got number 5');
    assert.deepEqual(problemsOf(noteFile('a', { ddia: '[{ edition: 3, chapter: 0, title: "" }]' })).problems, [
      { field: 'ddia[0].edition', line: 9, message: 'content/a.md: field "ddia[0].edition": expected 1 or 2 but got number 3' },
      { field: 'ddia[0].chapter', line: 9, message: 'content/a.md: field "ddia[0].chapter": expected a positive integer but got number 0' },
      { field: 'ddia[0].title', line: 9, message: 'content/a.md: field "ddia[0].title": expected a non-empty string but got ""' },
    ]);
    assertRejected(noteFile('a', { ddia: '[{ chapter: 5, title: Replication }]' }), 'ddia[0].edition', 9, 'content/a.md: field "ddia[0].edition": is required but missing (1 or 2)');
    assertRejected(noteFile('a', { ddia: '[{ edition: 1, chapter: "5", title: Replication }]' }), 'ddia[0].chapter', 9, 'content/a.md: field "ddia[0].chapter": expected a positive integer but got "5"');
    assertRejected(noteFile('a', { ddia: '[{ edition: 1, chapter: 13, title: X }]' }), 'ddia[0].chapter', 9, 'content/a.md: field "ddia[0].chapter": edition 1 has chapters 1-12 but got 13');
    assertRejected(
      noteFile('a', { ddia: '[{ edition: 2, chapter: 6, title: Partitioning }]' }),
      'ddia[0].title',
      9,
      'content/a.md: field "ddia[0].title": expected "Replication" for edition 2 chapter 6 but got "Partitioning"',
    );
    assert.deepEqual(problemsOf(noteFile('a', { ddia: '[{ edition: 2, chapter: 1, title: Trade-Offs in Data Systems Architecture }]' })), {
      loaded: true,
      problems: [],
    });
  });

  test('sources: https URLs only, title and url required', () => {
    assertRejected(noteFile('a', { sources: null }), 'sources', 0, 'content/a.md: field "sources": is required but missing (use [] for none)');
    assert.deepEqual(
      problemsOf(
        noteFile('a', {
          sources: '[{ title: Redis, url: "http://redis.io" }, { title: X, url: "javascript:alert(1)" }, "x", { url: "https://a.example" }, { title: Y, url: "https:no-slashes" }]',
        }),
      ).problems,
      [
        { field: 'sources[0].url', line: 10, message: 'content/a.md: field "sources[0].url": expected an https:// URL but got "http://redis.io"' },
        { field: 'sources[1].url', line: 10, message: 'content/a.md: field "sources[1].url": expected an https:// URL but got "javascript:alert(1)"' },
        { field: 'sources[2]', line: 10, message: 'content/a.md: field "sources[2]": expected a mapping { title, url } but got "x"' },
        { field: 'sources[3].title', line: 10, message: 'content/a.md: field "sources[3].title": is required but missing' },
        { field: 'sources[4].url', line: 10, message: 'content/a.md: field "sources[4].url": expected an https:// URL but got "https:no-slashes"' },
      ],
    );
  });

  test('front matter that is not a mapping', () => {
    assert.deepEqual(validateFrontMatter(['a'], 'content/a.md').problems.map((problem) => problem.message), [
      'content/a.md: front matter must be a YAML mapping but got a list',
    ]);
  });
});

describe('loadNoteCollection: cross-note checks', () => {
  test('good notes still load alongside bad ones', () => {
    const files = [
      noteFile('good-one', { related: '[good-two]' }),
      textFile('content/empty.md', ''),
      { path: 'content/binary.md', bytes: new Uint8Array([0, 1, 2]) },
      noteFile('bad-priority', { priority: 'P7' }),
      textFile('content/no-front-matter.md', '# Hello\n'),
      noteFile('good-two'),
    ];
    const collection = loadNoteCollection(files, 'bundled');
    assert.deepEqual(collection.notes.map((note) => note.id), ['good-one', 'good-two']);
    assert.deepEqual(
      collection.problems.map((problem) => problem.sourcePath),
      ['content/bad-priority.md', 'content/binary.md', 'content/empty.md', 'content/no-front-matter.md'],
    );
    assert.equal(collection.valid, false);
    assert.equal(collection.get('good-two')?.title, 'Title of good-two');
    assert.equal(collection.has('bad-priority'), false);
    assert.deepEqual(collection.related(collection.get('good-one')!).map((note) => note.id), ['good-two']);
  });

  test('duplicate ids across roots: the second is rejected, naming both files', () => {
    const collection = loadNoteRoots([
      { root: 'bundled', files: [noteFile('sticky-sessions')] },
      { root: 'My notes', files: [textFile('/home/me/notes/sticky-sessions.md', noteText('sticky-sessions', { title: 'Mine' }))] },
    ]);
    assert.deepEqual(collection.notes.map((note) => [note.id, note.root, note.title]), [
      ['sticky-sessions', 'bundled', 'Title of sticky-sessions'],
    ]);
    assert.deepEqual(collection.problems.map(summary), [
      {
        field: 'id',
        line: 1,
        message:
          '/home/me/notes/sticky-sessions.md: field "id": duplicate id "sticky-sessions": already used by content/sticky-sessions.md; this note was not loaded',
      },
    ]);
  });

  test('unknown related ids are reported; the note still loads', () => {
    const collection = loadNoteCollection([noteFile('a', { related: '[b, nope]' }), noteFile('b')], 'bundled');
    assert.deepEqual(collection.notes.map((note) => note.id), ['a', 'b']);
    assert.deepEqual(collection.problems.map(summary), [
      { field: 'related[1]', line: 8, message: 'content/a.md: field "related[1]": there is no note with id "nope"' },
    ]);
  });

  test('every cross-link must resolve: note, heading, own heading, allowed scheme', () => {
    const body = [
      '## Problem',
      '',
      'Good: [B](b.md), [B2](./b.md#mechanism), [self](#problem), [web](https://example.com/x).',
      '',
      '[bad heading](b.md#nope) and [missing](zzz.md)',
      '[own](#nothing) [plain http](http://example.com) [script](javascript:alert(1))',
      '[folder](../other/b.md) [cmd](command:workbench.action.reloadWindow)',
    ].join('\n');
    const collection = loadNoteCollection([noteFile('a', {}, body), noteFile('b')], 'bundled');
    assert.deepEqual(collection.notes.map((note) => note.id), ['a', 'b']);
    const headings = '#problem, #mechanism, #key-trade-offs, #instinct, #interview, #references';
    assert.deepEqual(collection.problems.map(summary), [
      { field: 'body', line: 16, message: `content/a.md: body line 17: link [bad heading](b.md#nope): note "b" has no heading "#nope"; its headings are ${headings}` },
      { field: 'body', line: 16, message: 'content/a.md: body line 17: link [missing](zzz.md): there is no note with id "zzz"' },
      { field: 'body', line: 17, message: 'content/a.md: body line 18: link [own](#nothing): this note has no heading "#nothing"; its headings are #problem' },
      { field: 'body', line: 17, message: 'content/a.md: body line 18: link [plain http](http://example.com): link "http://example.com" uses http; only https links are allowed' },
      { field: 'body', line: 17, message: 'content/a.md: body line 18: link [script](javascript:alert(1)): link scheme "javascript:" is not allowed; use https://, #heading or other-id.md' },
      {
        field: 'body',
        line: 18,
        message:
          'content/a.md: body line 19: link [folder](../other/b.md): relative link "../other/b.md" is not a note link; link other notes as other-id.md or other-id.md#heading',
      },
      {
        field: 'body',
        line: 18,
        message:
          'content/a.md: body line 19: link [cmd](command:workbench.action.reloadWindow): link scheme "command:" is not allowed; use https://, #heading or other-id.md',
      },
    ]);
  });

  test('links resolve across roots, and pre-loaded notes (the bundled catalog) can be merged', () => {
    const bundled = loadNoteCollection([noteFile('consistent-hashing')], 'bundled');
    const userRoot = parseNotes(
      [textFile('/notes/mine.md', noteText('mine', { related: '[consistent-hashing]' }, 'See [ring](consistent-hashing.md#mechanism).\n'))],
      'My notes',
    );
    const merged = linkNotes([{ notes: bundled.notes, problems: [] }, userRoot]);
    assert.deepEqual(merged.notes.map((note) => `${note.root}:${note.id}`), ['bundled:consistent-hashing', 'My notes:mine']);
    assert.deepEqual(merged.problems, []);
    assert.equal(merged.valid, true);
  });

  test('files are loaded in path order, so which duplicate wins does not depend on the caller', () => {
    const first = textFile('content/a/dup.md', noteText('dup', { title: 'From a' }));
    const second = textFile('content/b/dup.md', noteText('dup', { title: 'From b' }));
    assert.equal(loadNoteCollection([second, first], 'bundled').get('dup')?.title, 'From a');
    assert.equal(loadNoteCollection([first, second], 'bundled').get('dup')?.title, 'From a');
  });
});
