// The note model shared by the loader, the validator, the search index, the renderer, the tree and the CLI.
import * as l10n from '@vscode/l10n';

export type Priority = 'P0' | 'P1' | 'P2';

/** A note id: lower-case letters and digits in hyphen-separated groups. */
export const NOTE_ID_PATTERN = /^[a-z0-9]+(-[a-z0-9]+)*$/;

/** Priorities in their display order (most important first). */
export const PRIORITIES: readonly Priority[] = ['P0', 'P1', 'P2'];

/**
 * Chapter titles of "Designing Data-Intensive Applications" per edition (index 0 is chapter 1). The validator
 * checks a `ddia` entry's chapter exists in its edition and that its title matches (compared as slugs, so case and
 * punctuation do not matter): chapter numbers moved between editions, and this catches a 1st-edition number
 * labelled as 2nd edition.
 */
export const DDIA_CHAPTERS: Readonly<Record<1 | 2, readonly string[]>> = {
  1: [
    'Reliable, Scalable, and Maintainable Applications',
    'Data Models and Query Languages',
    'Storage and Retrieval',
    'Encoding and Evolution',
    'Replication',
    'Partitioning',
    'Transactions',
    'The Trouble with Distributed Systems',
    'Consistency and Consensus',
    'Batch Processing',
    'Stream Processing',
    'The Future of Data Systems',
  ],
  2: [
    'Trade-offs in Data Systems Architecture',
    'Defining Nonfunctional Requirements',
    'Data Models and Query Languages',
    'Storage and Retrieval',
    'Encoding and Evolution',
    'Replication',
    'Sharding',
    'Transactions',
    'The Trouble with Distributed Systems',
    'Consistency and Consensus',
    'Batch Processing',
    'Stream Processing',
    'A Philosophy of Streaming Systems',
    'Doing the Right Thing',
  ],
};

/** What a priority means, for tooltips and group labels (translated when called, so not a module-level table). */
export function priorityLabel(priority: Priority): string {
  switch (priority) {
    case 'P0':
      return l10n.t('appears in nearly every system design interview');
    case 'P1':
      return l10n.t('comes up often; know the trade-offs');
    case 'P2':
      return l10n.t('useful depth; good to recognise');
  }
}

/** A chapter of "Designing Data-Intensive Applications", always with its edition (the chapter numbers moved). */
export interface DdiaReference {
  readonly edition: 1 | 2;
  readonly chapter: number;
  readonly title: string;
  /** Why this chapter is relevant to the note, in a few words. */
  readonly topic?: string;
}

/** Further reading: only https URLs are accepted by the validator. */
export interface SourceLink {
  readonly title: string;
  readonly url: string;
}

/** When a note's samples and version-specific claims were last checked, and against which library versions. */
export interface CheckedInfo {
  /** `YYYY-MM-DD`. */
  readonly date: string;
  /** Library name → version, e.g. { "express-session": "1.18" }; empty when the note has no library samples. */
  readonly versions: Readonly<Record<string, string>>;
}

/**
 * An interview question drawn from the note's own Interview section: the prompt, and the points a good answer
 * covers (2–6, plain text). Practice cards are made from these.
 */
export interface InterviewQuestion {
  readonly prompt: string;
  readonly points: readonly string[];
}

/** The front matter of a note, as validated by `validateFrontMatter`. */
export interface NoteMeta {
  /** A slug, unique across every loaded notes root. */
  readonly id: string;
  readonly title: string;
  /** Path from the root, e.g. ["References", "Architecture Design Basics", "Pattern Taxonomy", "Fundamental Concepts"]. */
  readonly category: readonly string[];
  readonly priority: Priority;
  /** Absent when the note does not say (allowed for user notes; every bundled note has it). */
  readonly checked?: CheckedInfo;
  /** One sentence. */
  readonly summary: string;
  readonly tags: readonly string[];
  /** Other names people search for ("session affinity" for sticky sessions). */
  readonly aliases: readonly string[];
  /** Ids of related notes; each must resolve. */
  readonly related: readonly string[];
  readonly ddia: readonly DdiaReference[];
  readonly sources: readonly SourceLink[];
  /** Interview practice questions (`questions:`, the last front-matter key); absent when the note has none. */
  readonly questions?: readonly InterviewQuestion[];
}

export interface Heading {
  readonly level: number;
  readonly text: string;
  readonly slug: string;
  /** 0-based line in the Markdown body (after the front matter). */
  readonly line: number;
}

/** A loaded, valid note. */
export interface Note extends NoteMeta {
  /** Markdown body without the front matter. */
  readonly body: string;
  readonly headings: readonly Heading[];
  /** Computed from the body at 200 words per minute, at least 1. */
  readonly readingMinutes: number;
  readonly wordCount: number;
  /** Where it was read from: a path or URI string, as the host gave it. */
  readonly sourcePath: string;
  /** Which notes root it belongs to: "bundled" or the user's folder label. */
  readonly root: string;
  /** 0-based line in the file where the body starts (after the front matter), so body lines map to file lines. */
  readonly bodyStartLine?: number;
}

/** How bad a {@link NoteProblem} is; absent means "error". */
export type NoteProblemSeverity = 'error' | 'warning';

/** A problem found while loading notes. The loader keeps going; the caller shows these. */
export interface NoteProblem {
  readonly sourcePath: string;
  /**
   * The front-matter field concerned, when there is one: a path such as `priority`, `category[1]` or
   * `ddia[0].chapter`; `body` for problems with links in the Markdown body.
   */
  readonly field?: string;
  /** The full sentence for people: names the file, the field and the problem. */
  readonly message: string;
  /** 0-based line in the file, when known. */
  readonly line?: number;
  /** The problem alone, without the file and field (for `path:line: field: detail` listings). */
  readonly detail?: string;
  /** Errors make a note invalid (and usually unloadable); warnings (e.g. unknown fields) do not. Default: error. */
  readonly severity?: NoteProblemSeverity;
}
