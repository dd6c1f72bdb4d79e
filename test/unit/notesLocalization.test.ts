// The knowledge base speaks through the bundle: every problem the loader, validator and link checker can report,
// the note page's labels and the notes CLI's text come out of @vscode/l10n, so a translation can change them.
//
// Two pseudo-locales:
//  - the shared one (helpers/pseudoLocale): each message becomes ⟪message⟫ with its values filled in inside the
//    brackets. Prose outside every bracket skipped the bundle.
//  - the strict one (same helper), that closes the brackets around each {0}
//    placeholder: ⟪expected one of ⟫|P0, P1, P2|⟪ but got ⟫|"P9"|⟪⟫. Values then sit outside the brackets, so an English
//    phrase passed in as a value (the validator's "an empty list", a link's blocked reason, the "its headings are"
//    clause) is caught too, not hidden inside the message that embeds it.
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import * as l10n from '@vscode/l10n';
import { main } from '../../src/cli';
import type { CliIo } from '../../src/cli/cliIo';
import { loadCatalogFile } from '../../src/cli/contentFolder';
import { formatProblem, runNotesCheckCommand } from '../../src/cli/notesCheckCommand';
import { runSearchCommand } from '../../src/cli/searchCommand';
import { buildCatalog } from '../../src/core/catalog/bundledCatalog';
import { splitFrontMatter } from '../../src/core/notes/frontMatter';
import { priorityLabel, type Note, type NoteProblem, type Priority } from '../../src/core/notes/note';
import { loadNoteCollection, loadNoteRoots, parseNote } from '../../src/core/notes/noteLoader';
import { NOTE_FIELDS, validateFrontMatter } from '../../src/core/notes/noteValidator';
import { noteProblem } from '../../src/core/notes/frontMatterChecker';
import { renderNotePage } from '../../src/core/render/notePage';
import { runCli } from './helpers/cliHarness';
import { noteFile, noteText, textFile } from './helpers/noteFixtures';
import { untranslatedProse, usePseudoLocale, useStrictPseudoLocale } from './helpers/pseudoLocale';

/**
 * What the checks may ignore because it is data, not prose: quoted values (a summary sentence, a title, a query:
 * the user's own words, shown back in "..."), the lists of field names the validator prints (identifiers such as
 * `id, title, category`, which read like words to the prose pattern) and command syntax, which is typed literally.
 */
function withoutData(text: string): string {
  let rest = text.replace(/"[^"⟪⟫]*"/g, ' ');
  const literals = [NOTE_FIELDS.join(', '), 'title, url', 'edition, chapter, title, topic', 'statecraft notes check <folder>', 'notes check <folder>'];
  for (const literal of literals) rest = rest.split(literal).join(' ');
  return rest;
}

interface BrokenRoot {
  readonly files: Parameters<typeof parseNote>[0][];
  /** Problems whose text embeds the yaml package's own (English) explanation: checked by the shared locale only. */
  readonly thirdParty?: boolean;
  readonly maxBytes?: number;
}

const ddiaOk = '{ edition: 1, chapter: 5, title: Replication }';

/** One broken input per problem branch of the loader, the front-matter splitter, the validator and the link checker. */
function brokenInputs(): BrokenRoot[] {
  const bad = (id: string, fields: Record<string, string | null>, body?: string) => noteFile(id, fields, body);
  return [
    // The file itself.
    { files: [textFile('content/empty.md', '')] },
    { files: [{ path: 'content/binary.md', bytes: new Uint8Array([0x2d, 0x00, 0x01]) }] },
    { files: [{ path: 'content/latin1.md', bytes: new Uint8Array([...new TextEncoder().encode(noteText('latin1')), 0xe9, 0x74]) }] },
    { files: [textFile('content/huge.md', noteText('huge', {}, 'x'.repeat(5000)))], maxBytes: 1000 },
    { files: [textFile('content/notes.txt', noteText('notes'))] },
    // Front matter.
    { files: [textFile('content/none.md', '# Just a heading\n\nText.')] },
    { files: [textFile('content/js.md', '---js\n{ id: "x" }\n---\nbody')] },
    { files: [textFile('content/open.md', '---\nid: open\ntitle: b\n')] },
    { files: [textFile('content/empty-fm.md', '---\n\n---\nbody')] },
    { files: [textFile('content/seq.md', '---\n- a\n- b\n---\n')] },
    { files: [textFile('content/yaml.md', '---\nid: a\n  bad: indent\n---\n')], thirdParty: true },
    { files: [textFile('content/dup-key.md', '---\nid: a\ntitle: T\nid: b\n---\n')], thirdParty: true },
    { files: [textFile('content/tag.md', '---\nid: a\nx: !!js/function "function () {}"\n---\n')], thirdParty: true },
    {
      files: [
        textFile(
          'content/alias.md',
          '---\na: &a [x, x, x, x, x, x, x, x, x, x]\nb: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a, *a]\nc: [*b, *b, *b, *b, *b, *b, *b, *b, *b, *b]\n---\n',
        ),
      ],
      thirdParty: true,
    },
    // Every field: missing, mistyped, malformed.
    {
      files: [
        bad('no-id', { id: null }),
        bad('list-id', { id: '[a, b]' }),
        bad('empty-id', { id: '""' }),
        bad('Bad_Name', { id: 'Bad_Name' }),
        bad('mismatch', { id: 'other-name' }),
        bad('no-title', { title: null }),
        bad('map-title', { title: '{ a: 1 }' }),
        bad('bool-title', { title: 'true' }),
        bad('null-title', { title: '~' }),
        bad('no-category', { category: null }),
        bad('empty-category', { category: '[]' }),
        bad('string-category', { category: 'References' }),
        bad('bad-category', { category: '[References, "", 3, "A/B"]' }),
        bad('no-priority', { priority: null }),
        bad('p9', { priority: 'P9' }),
        bad('number-priority', { priority: '1' }),
        bad('no-summary', { summary: null }),
        bad('two-sentences', { summary: 'Caches are fast. They are also stale.' }),
        bad('no-tags', { tags: null }),
        bad('string-tags', { tags: 'sessions' }),
        bad('bad-tags', { tags: '[ok, ok, 7, ~]' }),
        bad('no-aliases', { aliases: null }),
        bad('map-aliases', { aliases: '{ a: b }' }),
        bad('no-related', { related: null }),
        bad('bad-related', { related: '[Not A Slug]' }),
        bad('self', { related: '[self]' }),
        bad('no-ddia', { ddia: null }),
        bad('string-ddia', { ddia: 'Replication' }),
        bad('ddia-item', { ddia: '[5]' }),
        bad('ddia-shape', { ddia: '[{ edition: 3, chapter: 0, title: "" }]' }),
        bad('ddia-missing', { ddia: '[{ colour: red }]' }),
        bad('ddia-chapter', { ddia: '[{ edition: 1, chapter: "5", title: Replication }, { edition: 1, chapter: 13, title: X }]' }),
        bad('ddia-title', { ddia: '[{ edition: 2, chapter: 6, title: Partitioning }]' }),
        bad('ddia-topic', { ddia: `[${ddiaOk.replace(' }', ', topic: "" }')}]` }),
        bad('no-sources', { sources: null }),
        bad('string-sources', { sources: 'https://example.com' }),
        bad('bad-sources', {
          sources: '[{ title: Redis, url: "http://redis.io" }, "x", { url: "https://a.example" }, { title: Y }, { title: Z, url: "https:x", kind: web }]',
        }),
        bad('unknown-field', { colour: 'red' }),
      ],
    },
    // Cross-note checks: duplicates, unknown related notes and every kind of broken link.
    {
      files: [
        noteFile('target'),
        noteFile('bare', {}, 'No headings here.\n'),
        noteFile('related-missing', { related: '[target, nowhere]' }),
        noteFile(
          'links',
          {},
          [
            '## Problem',
            '',
            '[a](target.md#nope) [b](nowhere.md) [c](#nothing) [d](bare.md#x)',
            '[e](http://example.com) [f](javascript:alert(1)) [g](command:x) [h](../other/b.md)',
            '[i](#) [j](https:example.com) [k](https://%zz)',
          ].join('\n'),
        ),
        noteFile('headless', {}, 'See [here](#somewhere).\n'),
      ],
    },
    { files: [noteFile('target', { title: 'Second copy' })] },
  ];
}

/** Every problem the inputs produce, loaded as separate roots so the second `target` is a duplicate. */
function allProblems(): { problem: NoteProblem; thirdParty: boolean }[] {
  const inputs = brokenInputs();
  const found: { problem: NoteProblem; thirdParty: boolean }[] = [];
  for (const input of inputs.filter((entry) => entry.maxBytes !== undefined || entry.thirdParty)) {
    const collection = loadNoteCollection(input.files, 'bundled', { maxBytes: input.maxBytes });
    found.push(...collection.problems.map((problem) => ({ problem, thirdParty: input.thirdParty === true })));
  }
  const roots = inputs.filter((entry) => entry.maxBytes === undefined && !entry.thirdParty).map((entry, index) => ({ root: `root-${index}`, files: entry.files }));
  found.push(...loadNoteRoots(roots).problems.map((problem) => ({ problem, thirdParty: false })));
  // Reachable only through the exported functions: non-mapping data handed to the validator, and a body problem
  // without a line.
  for (const data of [['a'], null, 'text', 42]) {
    found.push(...validateFrontMatter(data, 'content/direct.md').problems.map((problem) => ({ problem, thirdParty: false })));
  }
  found.push({ problem: noteProblem('content/direct.md', l10n.t('file is empty'), { field: 'body' }), thirdParty: false });
  return found;
}

const relatedNotes = [{ id: 'target', title: 'Consistent Hashing', summary: 'Rings.' }];

/** A note whose own words are short (title, summary and body are the author's text, not ours). */
const pageNote: Note = {
  id: 'sticky-sessions',
  title: 'Sticky Sessions',
  category: ['References', 'Sessions'],
  priority: 'P0',
  summary: 'Affinity.',
  tags: [],
  aliases: [],
  related: ['target'],
  ddia: [],
  sources: [],
  body: '## Problem\n\nPinned.\n',
  headings: [{ level: 2, text: 'Problem', slug: 'problem', line: 0 }],
  readingMinutes: 3,
  wordCount: 2,
  sourcePath: 'content/sticky-sessions.md',
  root: 'bundled',
};

/** The text a reader meets on the page: element text, and the title and aria-label attributes. */
function pageText(html: string): string {
  const attributes = [...html.matchAll(/\s(?:title|aria-label)="([^"]*)"/g)].map((match) => match[1]);
  return [html.replace(/<[^>]+>/g, '\n'), ...attributes].join('\n').replace(/&quot;/g, '"').replace(/&amp;/g, '&');
}

let root = '';

before(() => {
  root = mkdtempSync(path.join(tmpdir(), 'statecraft-notes-l10n-'));
  const write = (relative: string, content: string) => {
    mkdirSync(path.dirname(path.join(root, relative)), { recursive: true });
    writeFileSync(path.join(root, relative), content);
  };
  write('bad/ok.md', noteText('ok'));
  write('bad/priority.md', noteText('priority', { priority: 'P9' }));
  write('bad/warn.md', noteText('warn', { colour: 'red' }));
  write('bad/links.md', noteText('links', { related: '[ok, missing]' }, '## Problem\n\n[gone](gone.md) and [ok](ok.md#nope)\n'));
  write('one/only.md', noteText('only'));
  write('file.md', noteText('file'));
});

after(() => rmSync(root, { recursive: true, force: true }));

/** Everything the notes CLI prints for a sweep of runs: help, usage errors, check results and search results. */
async function cliOutput(): Promise<string[]> {
  const outputs: string[] = [];
  const run = async (argv: string[]) => {
    let text = '';
    const io: CliIo = { cwd: root, stdout: (chunk) => (text += chunk), stderr: (chunk) => (text += chunk) };
    await main(argv, io);
    outputs.push(text);
  };
  for (const argv of [['--help'], [], ['bogus'], ['notes', 'list'], ['notes', 'check'], ['notes', 'check', 'a', 'b'], ['notes', 'check', '--strict', 'bad']]) {
    await run(argv);
  }
  for (const argv of [['notes', 'check', 'no-such-folder'], ['notes', 'check', 'file.md'], ['search'], ['search', 'x', '--limit'], ['search', 'x', '--limit', '0'], ['search', 'x', '--nope']]) {
    await run(argv);
  }
  for (const folder of ['bad', 'one', 'empty-does-not-exist']) {
    const result = await runCli((io) => runNotesCheckCommand([folder], io), root);
    outputs.push(result.stdout, result.stderr);
  }
  const catalog = buildCatalog([noteFile('ring', { title: 'Ring', summary: 'Rings.' }, '## Mechanism\n\nRing.\n')]);
  for (const query of ['ring', 'zebra']) {
    const result = await runCli((io) => runSearchCommand([query], io, async () => catalog));
    outputs.push(result.stdout);
  }
  await assert.rejects(loadCatalogFile(path.join(root, 'missing-catalog.json')), (error: Error) => {
    outputs.push(error.message);
    return true;
  });
  outputs.push(formatProblem(noteProblem('x.md', l10n.t('file is empty'), { field: 'title', line: 0, severity: 'warning' })));
  return outputs;
}

describe('notes localisation (pseudo-locale)', () => {
  test('the inputs reach every kind of problem (so the checks below are not vacuous)', () => {
    const problems = allProblems();
    assert.ok(problems.length >= 80, `only ${problems.length} problems`);
    const details = problems.map(({ problem }) => problem.detail ?? '');
    for (const expected of [
      'file is larger than',
      'file is binary',
      'not valid UTF-8',
      'file is empty',
      'not a note',
      'missing front matter',
      'must open with',
      'not closed',
      'front matter is empty',
      'YAML mapping of',
      'not valid YAML',
      'unsupported YAML feature',
      'could not be read',
      'must be a YAML mapping but got',
      'but got nothing',
      'but got an empty list',
      'but got a list',
      'but got a mapping',
      'but got boolean true',
      'must equal the file name',
      'expected a slug',
      'must not contain "/"',
      'is required but missing (one of',
      'expected one of',
      'one sentence',
      'duplicate entry',
      'use [] for none) but got',
      'a slug such as',
      'cannot list itself',
      'use [] when no chapter applies)',
      'expected a list (use [] when no chapter applies)',
      'expected a mapping { edition',
      'is required but missing (1 or 2)',
      'expected 1 or 2',
      'expected a positive integer',
      'has chapters 1-12',
      'for edition 2 chapter 6',
      'expected an https:// URL',
      'expected a mapping { title, url }',
      'unknown field (ignored)',
      'duplicate id',
      'there is no note with id',
      'this note has no heading',
      'it has no headings',
      'its headings are',
      'uses http',
      'link scheme',
      'relative link',
      'has no valid heading slug',
      'is not a valid https URL',
      'is not a valid URL',
    ]) {
      assert.ok(details.some((detail) => detail.includes(expected)), `no problem reads "${expected}"`);
    }
  });

  test('every problem is translated: message and detail (shared pseudo-locale)', async () => {
    const restore = usePseudoLocale();
    try {
      const problems = allProblems();
      for (const { problem } of problems) {
        assert.ok(problem.message.includes('⟪'), `not translated at all: ${problem.message}`);
        assert.deepEqual(untranslatedProse(problem.message), [], problem.message);
        assert.deepEqual(untranslatedProse(problem.detail ?? ''), [], problem.detail);
      }
      // The field and body prefixes are messages of their own.
      assert.ok(problems.some(({ problem }) => problem.message.startsWith('⟪content/no-title.md: field "title": ⟪')));
      assert.ok(problems.some(({ problem }) => /^⟪content\/links\.md: body line \d+: ⟪/.test(problem.message)));
    } finally {
      restore();
    }
  });

  test('no English phrase is passed into a message as a value (strict pseudo-locale)', async () => {
    const restore = useStrictPseudoLocale();
    try {
      const problems = allProblems().filter(({ thirdParty }) => !thirdParty);
      for (const { problem } of problems) {
        assert.ok(problem.message.includes('⟪'), problem.message);
        assert.deepEqual(untranslatedProse(withoutData(problem.message)), [], problem.message);
      }
      // The phrases describe() and the link checker pass in as values are wrapped themselves.
      const messages = problems.map(({ problem }) => problem.message).join('\n');
      for (const phrase of ['⟪an empty list⟫', '⟪a list⟫', '⟪a mapping⟫', '⟪nothing⟫', '⟪it has no headings⟫', '⟪its headings are ⟫', '⟪link scheme "⟫']) {
        assert.ok(messages.includes(phrase), `${phrase} not found`);
      }
    } finally {
      restore();
    }
  });

  test('the note page: labels, badge, reading time, breadcrumb name and Related heading', async () => {
    for (const useLocale of [usePseudoLocale, useStrictPseudoLocale]) {
      const restore = useLocale();
      try {
        const html = renderNotePage(pageNote, { related: relatedNotes, studied: true, bookmarked: false });
        const text = pageText(html);
        assert.deepEqual(untranslatedProse(text), [], text);
        for (const wrapped of ['Studied', 'You marked this note as studied', 'Category', 'Related', 'appears in nearly every system design interview']) {
          assert.ok(text.includes(`⟪${wrapped}⟫`), `${wrapped} is not wrapped`);
        }
        assert.ok(text.includes('min read⟫'), 'reading time is wrapped');
      } finally {
        restore();
      }
    }
  });

  test('priority labels', async () => {
    const restore = usePseudoLocale();
    try {
      for (const priority of ['P0', 'P1', 'P2'] as Priority[]) {
        const label = priorityLabel(priority);
        assert.match(label, /^⟪.+⟫$/);
      }
    } finally {
      restore();
    }
  });

  test('the notes CLI: help, usage errors, check and search output', async () => {
    for (const useLocale of [usePseudoLocale, useStrictPseudoLocale]) {
      const restore = useLocale();
      try {
        const outputs = await cliOutput();
        const all = outputs.join('\n');
        assert.ok(all.includes('⟪Usage: statecraft <command> [options]⟫'), 'help is translated');
        assert.ok(all.includes('⟪Checked '), 'check summary is translated');
        assert.ok(all.includes('⟪No notes match "'), 'search result is translated');
        for (const output of outputs) {
          // Quoted values (the query, a folder, an option typed) are the user's words.
          assert.deepEqual(untranslatedProse(withoutData(output)), [], output);
        }
      } finally {
        restore();
      }
    }
  });

  test('English is unchanged outside the pseudo-locale', () => {
    const { problems } = parseNote(noteFile('a', { priority: 'P9' }), 'bundled');
    assert.equal(problems[0].message, 'content/a.md: field "priority": expected one of P0, P1, P2 but got "P9"');
    assert.equal(priorityLabel('P1'), 'comes up often; know the trade-offs');
    const split = splitFrontMatter('---\nid: a\ntitle: T\nid: b\n---\n');
    assert.ok(!split.ok && split.error.message === 'front matter is not valid YAML (line 4): Map keys must be unique');
  });
});
