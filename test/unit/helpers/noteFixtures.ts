// In-memory note files for the notes, search and CLI tests.

import type { SourceFile } from '../../../src/core/ports';

/** A body with the six standard sections. */
export const STANDARD_BODY = [
  '## Problem',
  '',
  'What goes wrong.',
  '',
  '## Mechanism',
  '',
  'How it works.',
  '',
  '## Key Trade-offs',
  '',
  'What it costs.',
  '',
  '## Instinct',
  '',
  'The rule of thumb.',
  '',
  '## Interview',
  '',
  'What to say.',
  '',
  '## References',
  '',
  'Further reading.',
  '',
].join('\n');

/**
 * Front matter + body for a note. `fields` overrides the raw YAML value of a field (the text after `key: `);
 * `null` leaves the field out.
 */
export function noteText(id: string, fields: Readonly<Record<string, string | null>> = {}, body = STANDARD_BODY): string {
  const defaults: Record<string, string> = {
    id,
    title: `Title of ${id}`,
    category: '[References, Testing]',
    priority: 'P1',
    summary: 'A note used by the tests.',
    tags: '[testing]',
    aliases: '[]',
    related: '[]',
    ddia: '[]',
    sources: '[]',
  };
  const lines = ['---'];
  for (const key of new Set([...Object.keys(defaults), ...Object.keys(fields)])) {
    const value = key in fields ? fields[key] : defaults[key];
    if (value !== null) {
      lines.push(`${key}: ${value}`);
    }
  }
  lines.push('---', '');
  return `${lines.join('\n')}${body}`;
}

/** A UTF-8 source file. */
export function textFile(path: string, text: string): SourceFile {
  return { path, bytes: new TextEncoder().encode(text) };
}

/** `content/<id>.md` holding {@link noteText}. */
export function noteFile(id: string, fields: Readonly<Record<string, string | null>> = {}, body?: string): SourceFile {
  return textFile(`content/${id}.md`, noteText(id, fields, body));
}
