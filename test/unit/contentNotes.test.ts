// Loads every bundled note in content/ with the real loader and checks the content contract from the brief.
// All failures are collected and reported in one message, so one run lists everything left to fix.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { displayPathFrom, readMarkdownFiles } from '../../src/cli/contentFolder';
import { formatProblem } from '../../src/cli/notesCheckCommand';
import { analyzeMarkdown } from '../../src/core/notes/markdownStructure';
import type { Note } from '../../src/core/notes/note';
import { parseNoteHref } from '../../src/core/notes/noteLinks';
import { loadNoteCollection } from '../../src/core/notes/noteLoader';

const REPO = path.resolve(__dirname, '..', '..');
const CONTENT = path.join(REPO, 'content');

const SECTIONS = ['Problem', 'Mechanism', 'Key Trade-offs', 'Instinct', 'Interview', 'References'];

const TAXONOMY = ['References', 'Architecture Design Basics', 'Pattern Taxonomy'];
const CATEGORIES: Readonly<Record<string, readonly string[]>> = {
  'statelessness-and-state-management': [...TAXONOMY, 'Fundamental Concepts'],
  'latency-numbers': [...TAXONOMY, 'Fundamental Concepts'],
  'cap-and-pacelc': [...TAXONOMY, 'Fundamental Concepts'],
  'consistency-models': [...TAXONOMY, 'Fundamental Concepts'],
  idempotency: [...TAXONOMY, 'Fundamental Concepts'],
  'consistent-hashing': [...TAXONOMY, 'Scaling and Routing'],
  'sticky-sessions': [...TAXONOMY, 'Scaling and Routing'],
  'load-balancing': [...TAXONOMY, 'Scaling and Routing'],
  partitioning: [...TAXONOMY, 'Scaling and Routing'],
  'rate-limiting': [...TAXONOMY, 'Scaling and Routing'],
  replication: [...TAXONOMY, 'Data and Storage'],
  'caching-patterns': [...TAXONOMY, 'Data and Storage'],
  'cache-invalidation': [...TAXONOMY, 'Data and Storage'],
  'session-storage': [...TAXONOMY, 'Data and Storage'],
  'object-storage-for-state': [...TAXONOMY, 'Data and Storage'],
  'distributed-locks': [...TAXONOMY, 'Data and Storage'],
  'connection-pooling': [...TAXONOMY, 'Data and Storage'],
  'stateful-connections': [...TAXONOMY, 'Runtime and Operations'],
  'graceful-shutdown': [...TAXONOMY, 'Runtime and Operations'],
  'serverless-state': [...TAXONOMY, 'Runtime and Operations'],
  'state-placement-guide': ['References', 'Practical Guides', 'State Placement'],
  ...Object.fromEntries(
    ['node', 'python', 'java', 'dotnet', 'go', 'php', 'ruby'].map((language) => [
      `externalize-sessions-${language}`,
      ['References', 'Practical Guides', 'Externalizing Sessions'],
    ]),
  ),
};

const HAND_ROLLED = 'Hand-rolled session maps';
/** `###` headings under `## Mechanism` that the analyzer's "Why?" links open, with their anchors. */
const MECHANISM_ANCHORS: Readonly<Record<string, readonly [string, string][]>> = {
  'externalize-sessions-node': [
    ['Express', 'express'],
    ['Fastify', 'fastify'],
    ['Socket.IO', 'socketio'],
    ['NestJS', 'nestjs'],
    [HAND_ROLLED, 'hand-rolled-session-maps'],
  ],
  'externalize-sessions-python': [
    ['Flask', 'flask'],
    ['Django', 'django'],
    ['FastAPI', 'fastapi'],
    [HAND_ROLLED, 'hand-rolled-session-maps'],
  ],
  'externalize-sessions-java': [
    ['Spring Session', 'spring-session'],
    ['Tomcat and plain servlets', 'tomcat-and-plain-servlets'],
    [HAND_ROLLED, 'hand-rolled-session-maps'],
  ],
  'externalize-sessions-dotnet': [
    ['ASP.NET Core session', 'aspnet-core-session'],
    ['SignalR', 'signalr'],
    [HAND_ROLLED, 'hand-rolled-session-maps'],
  ],
  'externalize-sessions-go': [
    ['scs', 'scs'],
    ['Fiber', 'fiber'],
    ['Gin', 'gin'],
    [HAND_ROLLED, 'hand-rolled-session-maps'],
  ],
  'externalize-sessions-php': [
    ['PHP sessions', 'php-sessions'],
    ['Laravel', 'laravel'],
  ],
  'externalize-sessions-ruby': [['Rails', 'rails']],
};

function mechanismSubsections(note: Note): { text: string; slug: string }[] {
  const start = note.headings.findIndex((heading) => heading.level === 2 && heading.text === 'Mechanism');
  if (start === -1) {
    return [];
  }
  const result: { text: string; slug: string }[] = [];
  for (const heading of note.headings.slice(start + 1)) {
    if (heading.level <= 2) {
      break;
    }
    if (heading.level === 3) {
      result.push({ text: heading.text, slug: heading.slug });
    }
  }
  return result;
}

test('every note in content/ loads cleanly and meets the content contract', async () => {
  const files = await readMarkdownFiles(CONTENT, { displayPath: displayPathFrom(REPO) });
  const collection = loadNoteCollection(files, 'bundled');
  const failures: string[] = collection.problems.map(formatProblem);

  if (collection.notes.length !== files.length) {
    failures.push(`${files.length} files in content/ but ${collection.notes.length} notes loaded`);
  }
  for (const [id, category] of Object.entries(CATEGORIES)) {
    const note = collection.get(id);
    if (!note) {
      failures.push(`required note "${id}" is missing (content/${id}.md)`);
      continue;
    }
    if (note.category.join(' / ') !== category.join(' / ')) {
      failures.push(`${note.sourcePath}: category is [${note.category.join(', ')}], expected [${category.join(', ')}]`);
    }
  }
  for (const note of collection.notes) {
    const sections = note.headings.filter((heading) => heading.level === 2).map((heading) => heading.text);
    if (sections.join(' | ') !== SECTIONS.join(' | ')) {
      failures.push(`${note.sourcePath}: level-2 sections are [${sections.join(', ')}], expected [${SECTIONS.join(', ')}]`);
    }
  }
  for (const [id, anchors] of Object.entries(MECHANISM_ANCHORS)) {
    const note = collection.get(id);
    if (!note) {
      continue;
    }
    const present = mechanismSubsections(note);
    for (const [text, slug] of anchors) {
      if (!present.some((heading) => heading.text === text && heading.slug === slug)) {
        failures.push(`${note.sourcePath}: missing "### ${text}" (#${slug}) under "## Mechanism"`);
      }
    }
  }

  // Every bundled note says when it was last checked, on the line after `priority:` (where parallel edits of the
  // front matter expect it).
  for (const file of files) {
    const lines = new TextDecoder().decode(file.bytes).split('\n');
    const priority = lines.findIndex((line) => line.startsWith('priority:'));
    if (priority === -1 || !lines[priority + 1]?.startsWith('checked: {')) {
      failures.push(`${file.path}: "checked: { date: YYYY-MM-DD, versions: {...} }" must follow the priority line`);
    }
  }
  for (const note of collection.notes) {
    if (!note.checked) failures.push(`${note.sourcePath}: no valid "checked" field`);
  }

  // The README's advertised count must follow the content folder.
  const readme = await readFile(path.join(REPO, 'README.md'), 'utf8');
  const advertised = /\*\*Knowledge base\.\*\* (\d+) reference notes/.exec(readme)?.[1];
  if (advertised !== String(files.length)) {
    failures.push(`README.md says "${advertised ?? '?'} reference notes" but content/ holds ${files.length}`);
  }

  const seed = collection.get('statelessness-and-state-management');
  if (seed && !analyzeMarkdown(seed.body).links.some((link) => parseNoteHref(link.href)?.id === 'consistent-hashing')) {
    failures.push(`${seed.sourcePath}: the seed note must link to consistent-hashing.md`);
  }
  const sticky = collection.get('sticky-sessions');
  for (const alias of ['session affinity', 'session persistence']) {
    if (sticky && !sticky.aliases.includes(alias)) {
      failures.push(`${sticky.sourcePath}: aliases must include "${alias}" (has [${sticky.aliases.join(', ')}])`);
    }
  }

  assert.deepEqual(failures, [], `content/ has ${failures.length} problem(s):\n${failures.join('\n')}`);
});
