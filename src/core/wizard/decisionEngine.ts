// The state-placement decision engine: seven answers in, one placement (with every alternative, the reasons, the
// latency arithmetic and the consequences) out. Pure and deterministic; the wizard, the ADR writer and the CLI all
// call it. Three layers: inputs.ts (the answers, parsing, validation), placementRules.ts (the rules: codes and
// numbers) and explain*.ts (their wording); this module composes them into the Recommendation the callers read.

import * as l10n from '@vscode/l10n';
import { PLACEMENT_TIERS, type PlacementTierId } from './latencyFigures';
import { validateInputs, type Inputs } from './inputs';
import { decide, SEED_ROW_IDS, type ExternalStore, type LatencyLine, type Placement } from './placementRules';
import { ms, seedRow, type ConsequenceRow } from './explainCommon';
import { headlineOf, infeasibleMessage, techniqueText, tradeOffText, whyText } from './explain';
import { reasonsOf, type Reason } from './explainReasons';

export * from './inputs';
export { PLACEMENTS, PLACEMENT_RANK, PLACEMENT_TIER, type ExternalStore, type LatencyLine, type Placement } from './placementRules';
export { placementDescription, seedTable, type ConsequenceRow } from './explainCommon';
export { chosenFitText } from './explain';
export type { Reason } from './explainReasons';

export interface Alternative {
  readonly placement: Placement;
  /** Meets every answer, including the budget by its high total. */
  readonly fits: boolean;
  readonly why: string;
  readonly tier: PlacementTierId;
}

/** The engine's answer. Its JSON is the CLI's `--json` output. */
export interface Recommendation {
  /** The chosen placement; when `feasible` is false, the closest option (see `message`). */
  readonly placement: Placement;
  readonly feasible: boolean;
  /** Present only when `feasible` is false: why nothing fits, the closest option and what would make it fit. */
  readonly message?: string;
  readonly headline: string;
  /** All four placements, in preference order, each with fits / does not fit and why. */
  readonly alternatives: readonly Alternative[];
  /** One per input, in input order. */
  readonly reasons: readonly Reason[];
  /** One per placement tier, fastest first. */
  readonly latency: readonly LatencyLine[];
  readonly consequences: readonly ConsequenceRow[];
  /** The good and bad consequences accepted with the chosen placement, for the ADR. */
  readonly tradeOffs: { readonly good: readonly string[]; readonly bad: readonly string[] };
  /** For `externalized`: the store to use (a database when it fits and nothing may be lost); otherwise null. */
  readonly store: ExternalStore | null;
  readonly techniques: readonly string[];
  /** Ids of notes to read, most specific last. */
  readonly notes: readonly string[];
}

/**
 * Recommends where the state lives, by the rules of placementRules.ts's `decide` (hard constraints, the source of
 * truth, the budget by the high total, the preference order, the closest option when nothing fits), worded in the
 * display language. Throws a RangeError when `inputs` would not pass {@link validateInputs}.
 */
export function recommend(inputs: Inputs): Recommendation {
  const checked = validateInputs(inputs as unknown as Record<string, unknown>);
  if (!checked.ok) throw new RangeError(checked.errors.map((e) => e.message).join('\n'));
  const decision = decide(checked.inputs);
  const { facts, chosen, feasible } = decision;
  const message = feasible ? undefined : infeasibleMessage(decision);
  const headline = feasible
    ? headlineOf(decision)
    : l10n.t({ message: 'No placement fits the {0} ms budget with these answers; closest: {1}.', args: [ms(facts.budget), chosen.placement], comment: ['{1} is a placement id, kept as it is'] });
  return {
    placement: chosen.placement,
    feasible,
    ...(message === undefined ? {} : { message }),
    headline,
    alternatives: decision.assessments.map((a) => ({ placement: a.placement, fits: a.fits, why: whyText(a, decision), tier: a.cost.line.tier })),
    reasons: reasonsOf(facts, decision.serving),
    latency: PLACEMENT_TIERS.map((t) => facts.latency[t]),
    consequences: SEED_ROW_IDS.map((id) => ({ ...seedRow(id), chosen: id === decision.seedRow })),
    tradeOffs: {
      good: decision.tradeOffs.good.map((code) => tradeOffText(code, decision)),
      bad: decision.tradeOffs.bad.map((code) => tradeOffText(code, decision)),
    },
    store: chosen.placement === 'externalized' ? decision.store : null,
    techniques: decision.techniques.map((code) => techniqueText(code, facts)),
    notes: [...decision.notes],
  };
}
