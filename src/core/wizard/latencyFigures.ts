// The shared latency figures. The decision engine's arithmetic and the note content/latency-numbers.md (section
// "The figures") must state exactly these numbers; change them in both places or in neither.

import * as l10n from '@vscode/l10n';
import type { SourceLink } from '../notes/note';

/** Every tier the latency-numbers note lists. */
export type LatencyTierId =
  | 'in-process'
  | 'client-carried'
  | 'same-datacenter-round-trip'
  | 'redis'
  | 'database'
  | 'cross-region';

/** A closed range of milliseconds; `low === high` for single published figures. */
export interface MsRange {
  readonly low: number;
  readonly high: number;
}

/** One row of the shared latency table: what one access costs and where the number comes from. */
export interface LatencyFigure {
  readonly tier: LatencyTierId;
  /** Short human name, used in reports ("Redis", "in-process memory"). */
  readonly label: string;
  /** What one access is. */
  readonly what: string;
  readonly perAccessMs: MsRange;
  /** Where the number comes from and what moves it, in one sentence. */
  readonly basis: string;
  readonly sources: readonly SourceLink[];
}

/** The note and section that explain these figures; the engine cites it in every recommendation. */
export const LATENCY_NOTE = { id: 'latency-numbers', section: 'the-figures' } as const;

/** `latency-numbers#the-figures`, the form wizard steps and recommendations use for note links. */
export const LATENCY_NOTE_LINK = `${LATENCY_NOTE.id}#${LATENCY_NOTE.section}`;

const DEAN: SourceLink = {
  title: 'Jeff Dean, "Designs, Lessons and Advice from Building Large Distributed Systems" (LADIS 2009 keynote, "Numbers Everyone Should Know")',
  url: 'https://www.cs.cornell.edu/projects/ladis2009/talks/dean-keynote-ladis2009.pdf',
};
const NORVIG: SourceLink = {
  title: 'Peter Norvig, "Teach Yourself Programming in Ten Years" (approximate timing table)',
  url: 'https://norvig.com/21-days.html#answers',
};
const RFC_7519: SourceLink = {
  title: 'RFC 7519: JSON Web Token (JWT)',
  url: 'https://www.rfc-editor.org/rfc/rfc7519',
};
const REDIS_LATENCY: SourceLink = {
  title: 'Redis documentation: Diagnosing latency issues',
  url: 'https://redis.io/docs/latest/operate/oss_and_stack/management/optimization/latency/',
};

/**
 * The figures, keyed by tier, in the current display language. A function, not a table: the labels and prose are
 * translated when asked for, after the host has configured @vscode/l10n (source titles and URLs stay as published).
 */
export function latencyFigures(): Readonly<Record<LatencyTierId, LatencyFigure>> {
  return {
    'in-process': {
      tier: 'in-process',
      label: l10n.t('in-process memory'),
      what: l10n.t("read from the service's own memory (hash map lookup, a few main-memory references)"),
      perAccessMs: { low: 0.0001, high: 0.001 },
      basis: l10n.t('A main memory reference is about 100 ns (Dean, Norvig); a hash map lookup is one to ten of them.'),
      sources: [DEAN, NORVIG],
    },
    'client-carried': {
      tier: 'client-carried',
      label: l10n.t('client-carried token'),
      what: l10n.t('verify a signed cookie/token carried by the request (HMAC/signature check, no network)'),
      perAccessMs: { low: 0.001, high: 0.05 },
      basis: l10n.t('The CPU cost of an HMAC over less than 4 KB: on the order of microseconds, depending on the algorithm (asymmetric signatures cost more than HMAC); the mechanism is RFC 7519.'),
      sources: [RFC_7519],
    },
    'same-datacenter-round-trip': {
      tier: 'same-datacenter-round-trip',
      label: l10n.t('same-datacenter round trip'),
      what: l10n.t('one network round trip inside a datacenter'),
      perAccessMs: { low: 0.5, high: 0.5 },
      basis: l10n.t('Round trip within the same datacenter: 500,000 ns (Dean).'),
      sources: [DEAN],
    },
    redis: {
      tier: 'redis',
      label: l10n.t('Redis'),
      what: l10n.t('one Redis command from a service in the same region/AZ'),
      perAccessMs: { low: 1, high: 5 },
      basis: l10n.t('The seed note statelessness-and-state-management gives ~1-5 ms to Redis; Redis itself answers in under a millisecond on a good network, so network distance, TLS, pipelining and cloud vs bare metal set the range.'),
      sources: [REDIS_LATENCY],
    },
    database: {
      tier: 'database',
      label: l10n.t('database'),
      what: l10n.t('one indexed SQL query over the network'),
      perAccessMs: { low: 5, high: 20 },
      basis: l10n.t('The seed note statelessness-and-state-management gives ~5-20 ms to a database; the query, its index, connection pooling and the database cache hit rate set the range.'),
      sources: [],
    },
    'cross-region': {
      tier: 'cross-region',
      label: l10n.t('cross-region round trip'),
      what: l10n.t('one round trip between regions/continents'),
      perAccessMs: { low: 150, high: 150 },
      basis: l10n.t('Packet California → Netherlands → California: 150 ms (Dean).'),
      sources: [DEAN],
    },
  };
}

/** The tiers a state placement can be served from, fastest first: the engine reports its arithmetic for these. */
export const PLACEMENT_TIERS = ['in-process', 'client-carried', 'redis', 'database'] as const;

export type PlacementTierId = (typeof PLACEMENT_TIERS)[number];
