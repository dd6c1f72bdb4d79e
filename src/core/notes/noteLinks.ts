// The one cross-link syntax between notes, and the one place that decides what any link in a note may point at.
// The renderer and the validator both call `classifyHref`, so a link the validator accepts is exactly a link the
// viewer makes clickable, and everything else is inert text.

import * as l10n from '@vscode/l10n';
import { NOTE_ID_PATTERN } from './note';

/** A link to another note: `other-id.md` or `./other-id.md`, optionally with `#heading-slug`. */
export interface NoteHref {
  readonly id: string;
  /** The heading slug, percent-decoded; absent when the link has no (or an empty) fragment. */
  readonly fragment?: string;
}

/** What a link in a note resolves to. Only these four outcomes exist; `blocked` links render as plain text. */
export type LinkTarget =
  | { readonly kind: 'note'; readonly id: string; readonly fragment?: string }
  | { readonly kind: 'anchor'; readonly fragment: string }
  | { readonly kind: 'external'; readonly url: string }
  | { readonly kind: 'blocked'; readonly reason: string };

const NOTE_FILE = /^(?:\.\/)?([^/\\?#]+)\.md(?:#(.*))?$/s;
const SCHEME = /^([a-z][a-z0-9+.-]*):/i;

function decodeFragment(raw: string): string | undefined {
  try {
    return decodeURIComponent(raw);
  } catch {
    return undefined;
  }
}

/**
 * Parses a note cross-link href. Returns undefined for anything that is not exactly `<id>.md[#fragment]` or
 * `./<id>.md[#fragment]` with a valid note id: sub-folders, `../`, upper-case names, queries and other extensions
 * are not note links, because notes live flat in one folder and ids are slugs.
 */
export function parseNoteHref(href: string): NoteHref | undefined {
  const match = NOTE_FILE.exec(href);
  if (!match) {
    return undefined;
  }
  const id = match[1];
  if (!NOTE_ID_PATTERN.test(id)) {
    return undefined;
  }
  const rawFragment = match[2];
  if (rawFragment === undefined || rawFragment === '') {
    return { id };
  }
  const fragment = decodeFragment(rawFragment);
  return fragment === undefined ? undefined : { id, fragment };
}

function invalidHttpsUrl(href: string): string {
  return l10n.t({ message: '"{0}" is not a valid https URL', args: [href], comment: ['{0} is the link target as written in the note'] });
}

/**
 * Decides what a link href (as markdown-it normalised it) may do. Allow-list: https URLs, in-page `#fragment`
 * links and note links. Every other scheme (javascript:, data:, command:, vscode:, file:, http:, mailto: ...) and
 * every other relative path is blocked, with a reason the validator can show to the author.
 */
export function classifyHref(href: string): LinkTarget {
  if (href.startsWith('#')) {
    const fragment = decodeFragment(href.slice(1));
    if (fragment === undefined || fragment === '') {
      return { kind: 'blocked', reason: l10n.t({ message: 'in-page link "{0}" has no valid heading slug', args: [href], comment: ['{0} is the link target as written in the note, e.g. #'] }) };
    }
    return { kind: 'anchor', fragment };
  }
  const note = parseNoteHref(href);
  if (note) {
    return note.fragment === undefined
      ? { kind: 'note', id: note.id }
      : { kind: 'note', id: note.id, fragment: note.fragment };
  }
  const scheme = SCHEME.exec(href);
  if (scheme) {
    const name = scheme[1].toLowerCase();
    if (name === 'https') {
      if (!/^https:\/\//i.test(href)) {
        return { kind: 'blocked', reason: invalidHttpsUrl(href) };
      }
      let url: URL;
      try {
        url = new URL(href);
      } catch {
        return { kind: 'blocked', reason: l10n.t({ message: '"{0}" is not a valid URL', args: [href], comment: ['{0} is the link target as written in the note'] }) };
      }
      if (url.protocol === 'https:' && url.hostname !== '') {
        return { kind: 'external', url: url.href };
      }
      return { kind: 'blocked', reason: invalidHttpsUrl(href) };
    }
    if (name === 'http') {
      return { kind: 'blocked', reason: l10n.t({ message: 'link "{0}" uses http; only https links are allowed', args: [href], comment: ['{0} is the link target as written in the note'] }) };
    }
    return {
      kind: 'blocked',
      reason: l10n.t({ message: 'link scheme "{0}:" is not allowed; use https://, #heading or other-id.md', args: [name], comment: ['{0} is a URL scheme such as javascript or file; https://, #heading and other-id.md are link syntax (not translated)'] }),
    };
  }
  return {
    kind: 'blocked',
    reason: l10n.t({ message: 'relative link "{0}" is not a note link; link other notes as other-id.md or other-id.md#heading', args: [href], comment: ['{0} is the link target as written in the note; other-id.md and other-id.md#heading are link syntax (not translated)'] }),
  };
}
