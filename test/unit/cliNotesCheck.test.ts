import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { formatProblem, runNotesCheckCommand, type NotesCheckOptions } from '../../src/cli/notesCheckCommand';
import { loadNoteCollection } from '../../src/core/notes/noteLoader';
import { runCli } from './helpers/cliHarness';
import { noteFile, noteText, textFile } from './helpers/noteFixtures';

let root = '';

function write(relative: string, content: string | Uint8Array): void {
  const file = path.join(root, relative);
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(file, content);
}

function check(argv: string[], options?: NotesCheckOptions) {
  return runCli((io) => runNotesCheckCommand(argv, io, options), root);
}

before(() => {
  root = mkdtempSync(path.join(tmpdir(), 'statecraft-check-'));
  write('good/a.md', noteText('a', { related: '[b]' }, '## Problem\n\nSee [B](b.md#mechanism).\n'));
  write('good/nested/b.md', noteText('b'));
  write('good/.hidden/broken.md', 'not a note');
  write('good/node_modules/pkg/readme.md', 'not a note');
  write('good/notes.txt', 'ignored: not markdown');

  write('bad/ok.md', noteText('ok'));
  write('bad/priority.md', noteText('priority', { priority: 'P9' }));
  write('bad/empty.md', '');
  write('bad/binary.md', new Uint8Array([0x2d, 0x00, 0x01]));
  write('bad/links.md', noteText('links', { related: '[ok, missing]' }, '## Problem\n\n[gone](gone.md) and [ok](ok.md#nope)\n'));
  write('bad/sub/extra.md', noteText('extra', { colour: 'red' }));

  write('warn/w.md', noteText('w', { colour: 'red' }));
  write('big/huge.md', noteText('huge', {}, 'x'.repeat(5000)));
  write('file.md', noteText('file'));
  write('stale/fresh.md', noteText('fresh', { checked: '{ date: 2026-11-01, versions: { express-session: "1.18" } }' }));
  write('stale/old.md', noteText('old', { checked: '{ date: 2025-06-30, versions: {} }' }));
  write('stale/never.md', noteText('never'));
  write('stale-bad/typo.md', noteText('typo', { checked: '{ date: 2026-02-30, versions: { redis: 7.10 } }' }));
  mkdirSync(path.join(root, 'empty-folder'));
});

after(() => rmSync(root, { recursive: true, force: true }));

describe('statecraft notes check', () => {
  test('a valid folder (recursive; hidden folders and node_modules skipped): exit 0, stdout empty', async () => {
    assert.deepEqual(await check(['good']), {
      code: 0,
      stdout: '',
      stderr: 'Checked 2 note files in good: 0 invalid, 0 errors, 0 warnings.\n',
    });
  });

  test('invalid notes: exit 1, one path:line: field: message line per problem, sorted by file and line', async () => {
    const run = await check(['bad']);
    assert.equal(run.code, 1);
    assert.equal(
      run.stdout,
      [
        'bad/binary.md:1: file is binary (it contains NUL bytes), not a Markdown note',
        'bad/empty.md:1: file is empty',
        'bad/links.md:9: related[1]: there is no note with id "missing"',
        'bad/links.md:15: body: link [gone](gone.md): there is no note with id "gone"',
        'bad/links.md:15: body: link [ok](ok.md#nope): note "ok" has no heading "#nope"; its headings are #problem, #mechanism, #key-trade-offs, #instinct, #interview, #references',
        'bad/priority.md:5: priority: expected one of P0, P1, P2 but got "P9"',
        'bad/sub/extra.md:12: colour: warning: unknown field (ignored); expected only id, title, category, priority, checked, summary, tags, aliases, related, ddia, sources, questions',
        '',
      ].join('\n'),
    );
    assert.equal(run.stderr, 'Checked 6 note files in bad: 4 invalid, 6 errors, 1 warning.\n');
  });

  test('warnings alone do not fail the check', async () => {
    const run = await check(['warn']);
    assert.equal(run.code, 0);
    assert.equal(run.stdout, 'warn/w.md:12: colour: warning: unknown field (ignored); expected only id, title, category, priority, checked, summary, tags, aliases, related, ddia, sources, questions\n');
  });

  test('--stale-after <days>: old and missing check dates are warnings (exit 0); recent ones are quiet', async () => {
    const today = '2026-12-02';
    const run = await check(['stale', '--stale-after', '365'], { today });
    assert.equal(run.code, 0);
    assert.equal(
      run.stdout,
      [
        'stale/never.md:5: checked: warning: never checked: once the samples are verified, add a "checked:" field with the date (2026-12-02) and the library versions',
        'stale/old.md:12: checked: warning: stale: last checked 2025-06-30, 520 days ago (more than 365); re-check the samples and versions, then update the date',
        '',
      ].join('\n'),
    );
    assert.equal(run.stderr, 'Checked 3 note files in stale: 0 invalid, 0 errors, 2 warnings.\n');
    assert.equal((await check(['stale', '--stale-after=600'], { today })).stdout.split('\n').filter(Boolean).length, 1, 'only the never-checked note at 600 days');
    assert.equal((await check(['stale'], { today })).stdout, '', 'without the option no date is judged');
  });

  test('--stale-after needs a whole number of days; a bad checked date or an unquoted version is an error', async () => {
    for (const argv of [['stale', '--stale-after'], ['stale', '--stale-after', 'soon'], ['stale', '--stale-after', '-3']]) {
      const run = await check(argv);
      assert.equal(run.code, 2, JSON.stringify(argv));
      assert.equal(run.stdout, '');
      assert.match(run.stderr, /--stale-after expects a whole number of days/);
    }
    const run = await check(['stale-bad']);
    assert.equal(run.code, 1);
    assert.equal(
      run.stdout,
      [
        'stale-bad/typo.md:12: checked.date: expected a date written YYYY-MM-DD but got "2026-02-30"',
        'stale-bad/typo.md:12: checked.versions.redis: quote the version ("7.1"): unquoted, YAML reads it as a number and 1.10 becomes 1.1',
        '',
      ].join('\n'),
    );
  });

  test('the size cap applies (configurable)', async () => {
    const run = await check(['big'], { maxBytes: 1000 });
    assert.equal(run.code, 1);
    assert.equal(run.stdout, 'big/huge.md:1: file is larger than the 1000-byte limit for a note\n');
    assert.equal((await check(['big'])).code, 0);
  });

  test('an absolute folder path works and an empty folder is clean', async () => {
    const run = await check([path.join(root, 'empty-folder')]);
    assert.equal(run.code, 0);
    assert.equal(run.stdout, '');
  });

  test('linkAgainst: user notes may link to bundled notes but not reuse their ids', async () => {
    write('user/mine.md', noteText('mine', { related: '[consistent-hashing]' }, 'See [ring](consistent-hashing.md#mechanism).\n'));
    write('clash/consistent-hashing.md', noteText('consistent-hashing'));
    const bundled = loadNoteCollection([noteFile('consistent-hashing', {}, '## Mechanism\n\nRing.\n')], 'bundled');
    const options: NotesCheckOptions = { linkAgainst: async () => bundled.notes };

    assert.deepEqual(await check(['user'], options), {
      code: 0,
      stdout: '',
      stderr: 'Checked 1 note file in user: 0 invalid, 0 errors, 0 warnings.\n',
    });
    const alone = await check(['user']);
    assert.equal(alone.code, 1);
    assert.equal(
      alone.stdout,
      'user/mine.md:9: related[0]: there is no note with id "consistent-hashing"\n' +
        'user/mine.md:13: body: link [ring](consistent-hashing.md#mechanism): there is no note with id "consistent-hashing"\n',
    );
    const clash = await check(['clash'], options);
    assert.equal(clash.code, 1);
    assert.equal(
      clash.stdout,
      'clash/consistent-hashing.md:2: id: duplicate id "consistent-hashing": already used by content/consistent-hashing.md; this note was not loaded\n',
    );
  });

  test('linkAgainst: checking the bundled folder against its own catalog is not a clash with itself', async () => {
    write('content/x.md', noteText('x', { related: '[y]' }));
    write('content/y.md', noteText('y'));
    const samePath = loadNoteCollection(
      [textFile('content/x.md', noteText('x', { title: 'Edited since the build' })), textFile('content/y.md', noteText('y'))],
      'bundled',
    );
    assert.deepEqual(await check(['content'], { linkAgainst: async () => samePath.notes }), {
      code: 0,
      stdout: '',
      stderr: 'Checked 2 note files in content: 0 invalid, 0 errors, 0 warnings.\n',
    });
    const sameBody = loadNoteCollection(
      [textFile('elsewhere/x.md', noteText('x', { related: '[y]' })), textFile('elsewhere/y.md', noteText('y'))],
      'bundled',
    );
    assert.equal((await check(['content'], { linkAgainst: async () => sameBody.notes })).code, 0);
  });

  const usageCases: [string[], string, string][] = [
    [[], 'UsageError', 'missing folder argument\nusage: statecraft notes check <folder> [--stale-after <days>]'],
    [['good', 'bad'], 'UsageError', 'expected one folder but got 2: good bad\nusage: statecraft notes check <folder> [--stale-after <days>]'],
    [['--strict', 'good'], 'UsageError', 'unknown option "--strict" for "statecraft notes check"\nusage: statecraft notes check <folder> [--stale-after <days>]'],
    [['no-such-folder'], 'InputError', `folder not found: ${'ROOT'}/no-such-folder`],
    [['file.md'], 'InputError', `not a folder: ${'ROOT'}/file.md`],
  ];
  for (const [argv, error, message] of usageCases) {
    test(`exit 2 for ${JSON.stringify(argv)} (${error}), nothing on stdout`, async () => {
      assert.deepEqual(await check(argv), {
        code: 2,
        stdout: '',
        stderr: `${message.replace('ROOT', root)}\n`,
        error,
      });
    });
  }

  test('formatProblem omits the field when there is none and the line when unknown', () => {
    assert.equal(formatProblem({ sourcePath: 'x.md', message: 'x.md: file is empty', detail: 'file is empty' }), 'x.md: file is empty');
    assert.equal(
      formatProblem({ sourcePath: 'x.md', field: 'title', line: 2, message: 'x.md: field "title": bad', detail: 'bad' }),
      'x.md:3: title: bad',
    );
  });
});
