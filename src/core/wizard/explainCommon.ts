// Words shared by the engine's explanations: placement descriptions, the seed table quoted in the display language,
// the latency arithmetic and list joining. Everything here turns codes and numbers from placementRules.ts into text.

import * as l10n from '@vscode/l10n';
import { SEED_ROW_IDS, clean, type Cost, type LatencyLine, type Placement, type SeedRowId } from './placementRules';

/**
 * One row of the seed note's table (statelessness-and-state-management, "Mechanism"), quoted as written there (in the
 * display language: "Fully stateless", "Stateful" or "Externalised" in English).
 */
export interface ConsequenceRow {
  readonly approach: string;
  readonly scaling: string;
  readonly failureRecovery: string;
  readonly complexity: string;
  readonly chosen: boolean;
}

/** One line describing a placement, for pickers, reports and the ADR's considered options. */
export function placementDescription(placement: Placement): string {
  switch (placement) {
    case 'stateless':
      return l10n.t('no server-side state; it travels with each request (signed cookie or token)');
    case 'externalized':
      return l10n.t('an external store (Redis, a database) is the source of truth; instances hold nothing');
    case 'in-process-cache':
      return l10n.t('an in-process cache in front of an authoritative external store');
    case 'stateful-sticky':
      return l10n.t('authoritative in-memory state, with sticky routing or consistent hashing by key');
  }
}

export function seedRow(id: SeedRowId): Omit<ConsequenceRow, 'chosen'> {
  switch (id) {
    case 'fully-stateless':
      return {
        approach: l10n.t({ message: 'Fully stateless', comment: ['A row of the table quoted from the note statelessness-and-state-management; use the wording of its translation'] }),
        scaling: l10n.t({ message: 'Trivial (add instances)', comment: ['Scaling cell of the Fully stateless row, quoted from the note statelessness-and-state-management'] }),
        failureRecovery: l10n.t({ message: 'Trivial (any instance works)', comment: ['Failure Recovery cell of the Fully stateless row, quoted from the note statelessness-and-state-management'] }),
        complexity: l10n.t({ message: 'State access cost', comment: ['Complexity cell of the Fully stateless row, quoted from the note statelessness-and-state-management'] }),
      };
    case 'stateful':
      return {
        approach: l10n.t({ message: 'Stateful', comment: ['A row of the table quoted from the note statelessness-and-state-management; use the wording of its translation'] }),
        scaling: l10n.t({ message: 'Requires sticky routing', comment: ['Scaling cell of the Stateful row, quoted from the note statelessness-and-state-management'] }),
        failureRecovery: l10n.t({ message: 'State lost on crash', comment: ['Failure Recovery cell of the Stateful row, quoted from the note statelessness-and-state-management'] }),
        complexity: l10n.t({ message: 'Lowest latency', comment: ['Complexity cell of the Stateful row, quoted from the note statelessness-and-state-management'] }),
      };
    case 'externalised':
      return {
        approach: l10n.t({ message: 'Externalised', comment: ['A row of the table quoted from the note statelessness-and-state-management; use the wording of its translation'] }),
        scaling: l10n.t({ message: 'Near-trivial + store scales', comment: ['Scaling cell of the Externalised row, quoted from the note statelessness-and-state-management'] }),
        failureRecovery: l10n.t({ message: 'Service restarts OK', comment: ['Failure Recovery cell of the Externalised row, quoted from the note statelessness-and-state-management'] }),
        complexity: l10n.t({ message: 'Store becomes SPOF', comment: ['Complexity cell of the Externalised row, quoted from the note statelessness-and-state-management; SPOF is a single point of failure'] }),
      };
  }
}

/** The seed table, quoted, in the display language. */
export function seedTable(): readonly Omit<ConsequenceRow, 'chosen'>[] {
  return SEED_ROW_IDS.map(seedRow);
}

export function ms(x: number): string {
  return String(clean(x));
}

/**
 * "a, b and c": joins items that are already whole (tier names with their cost, `input=value` answers). The comma
 * between all but the last two is the list separator; the last pair is a message a translation can change.
 */
export function andList(items: readonly string[]): string {
  if (items.length <= 1) return items.join('');
  return l10n.t({ message: '{0} and {1}', args: [items.slice(0, -1).join(', '), items[items.length - 1]], comment: ['Joins the last item of a list: {0} is the earlier items separated by commas, {1} the last one'] });
}

/** The latency arithmetic of one tier, e.g. "Redis 1–5 ms × 2 = 2–10 ms". */
export function arithmetic(line: LatencyLine, n: number): string {
  return l10n.t({
    message: '{0} {1}–{2} ms × {3} = {4}–{5} ms',
    args: [line.label, ms(line.perAccessMs.low), ms(line.perAccessMs.high), n, ms(line.totalMs.low), ms(line.totalMs.high)],
    comment: ['The latency arithmetic of one tier: {0} is the tier name (e.g. Redis), {1}–{2} the milliseconds per access, {3} the accesses per request, {4}–{5} the milliseconds per request'],
  });
}

/** The arithmetic of a placement's cost: its tier's, plus the store round trip of a cache that fronts a store. */
export function costArithmetic(cost: Cost, n: number, storeLabel: string): string {
  const round = cost.storeRoundTripMs;
  if (round === undefined) return arithmetic(cost.line, n);
  const line = cost.line;
  return l10n.t({
    message: '{0} {1}–{2} ms × {3} + one {4} round trip {5}–{6} ms = {7}–{8} ms',
    args: [line.label, ms(line.perAccessMs.low), ms(line.perAccessMs.high), n, storeLabel, ms(round.low), ms(round.high), ms(cost.totalMs.low), ms(cost.totalMs.high)],
    comment: ['The latency arithmetic of an in-process cache in front of a store: {0} is the memory tier name, {1}–{2} the milliseconds per access, {3} the accesses per request, {4} the store tier name (e.g. Redis), {5}–{6} its round trip in milliseconds, {7}–{8} the total milliseconds per request'],
  });
}

/** A tier with the high end of its total, e.g. "Redis (up to 5 ms)". */
export function upTo(line: LatencyLine): string {
  return l10n.t({ message: '{0} (up to {1} ms)', args: [line.label, ms(line.totalMs.high)], comment: ['{0} is a latency tier (e.g. Redis), {1} its highest milliseconds per request'] });
}

