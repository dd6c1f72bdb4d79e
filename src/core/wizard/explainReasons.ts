// The engine's reasons, one per answer: why each answer pushes the placement the way it does, in whole translated
// sentences composed from the facts and costs placementRules.ts computed.

import * as l10n from '@vscode/l10n';
import type { InputId, Inputs, Loss } from './inputs';
import { PLACEMENT_TIERS } from './latencyFigures';
import { andList, costArithmetic, ms, upTo } from './explainCommon';
import type { Cost, Facts } from './placementRules';

export interface Reason {
  readonly input: InputId;
  readonly text: string;
}

function latencyReason(f: Facts): string {
  const lines = PLACEMENT_TIERS.map((t) => f.latency[t]);
  const fitting = lines.filter((l) => l.fits).map(upTo);
  const missing = lines.filter((l) => !l.fits).map(upTo);
  const budget = ms(f.budget);
  const one = f.n === 1;
  if (fitting.length === 0) {
    return one
      ? l10n.t({ message: 'A {0} ms p99 budget for 1 access: no tier fits, not even {1}.', args: [budget, missing[0]], comment: ['{1} is the fastest tier with its cost, e.g. "in-process memory (up to 0.001 ms)"'] })
      : l10n.t({ message: 'A {0} ms p99 budget for {1} accesses: no tier fits, not even {2}.', args: [budget, f.n, missing[0]], comment: ['{2} is the fastest tier with its cost, e.g. "in-process memory (up to 0.002 ms)"'] });
  }
  if (missing.length === 0) {
    return one
      ? l10n.t({ message: 'A {0} ms p99 budget for 1 access: every tier fits by the high total, even {1}.', args: [budget, fitting[fitting.length - 1]], comment: ['{1} is the slowest tier with its cost, e.g. "database (up to 20 ms)"'] })
      : l10n.t({ message: 'A {0} ms p99 budget for {1} accesses: every tier fits by the high total, even {2}.', args: [budget, f.n, fitting[fitting.length - 1]], comment: ['{2} is the slowest tier with its cost, e.g. "database (up to 40 ms)"'] });
  }
  const fits = andList(fitting);
  const misses = andList(missing);
  if (fitting.length === 1) {
    if (missing.length === 1) {
      return one
        ? l10n.t({ message: 'A {0} ms p99 budget for 1 access: {1} fits by the high total; {2} does not.', args: [budget, fits, misses], comment: ['{1} (or {2}) lists the tiers that fit, {2} (or {3}) the tiers that do not, each with its cost, e.g. "Redis (up to 5 ms)"'] })
        : l10n.t({ message: 'A {0} ms p99 budget for {1} accesses: {2} fits by the high total; {3} does not.', args: [budget, f.n, fits, misses], comment: ['{1} (or {2}) lists the tiers that fit, {2} (or {3}) the tiers that do not, each with its cost, e.g. "Redis (up to 5 ms)"'] });
    }
    return one
      ? l10n.t({ message: 'A {0} ms p99 budget for 1 access: {1} fits by the high total; {2} do not.', args: [budget, fits, misses], comment: ['{1} (or {2}) lists the tiers that fit, {2} (or {3}) the tiers that do not, each with its cost, e.g. "Redis (up to 5 ms)"'] })
      : l10n.t({ message: 'A {0} ms p99 budget for {1} accesses: {2} fits by the high total; {3} do not.', args: [budget, f.n, fits, misses], comment: ['{1} (or {2}) lists the tiers that fit, {2} (or {3}) the tiers that do not, each with its cost, e.g. "Redis (up to 5 ms)"'] });
  }
  if (missing.length === 1) {
    return one
      ? l10n.t({ message: 'A {0} ms p99 budget for 1 access: {1} fit by the high total; {2} does not.', args: [budget, fits, misses], comment: ['{1} (or {2}) lists the tiers that fit, {2} (or {3}) the tiers that do not, each with its cost, e.g. "Redis (up to 5 ms)"'] })
      : l10n.t({ message: 'A {0} ms p99 budget for {1} accesses: {2} fit by the high total; {3} does not.', args: [budget, f.n, fits, misses], comment: ['{1} (or {2}) lists the tiers that fit, {2} (or {3}) the tiers that do not, each with its cost, e.g. "Redis (up to 5 ms)"'] });
  }
  return one
    ? l10n.t({ message: 'A {0} ms p99 budget for 1 access: {1} fit by the high total; {2} do not.', args: [budget, fits, misses], comment: ['{1} (or {2}) lists the tiers that fit, {2} (or {3}) the tiers that do not, each with its cost, e.g. "Redis (up to 5 ms)"'] })
    : l10n.t({ message: 'A {0} ms p99 budget for {1} accesses: {2} fit by the high total; {3} do not.', args: [budget, f.n, fits, misses], comment: ['{1} (or {2}) lists the tiers that fit, {2} (or {3}) the tiers that do not, each with its cost, e.g. "Redis (up to 5 ms)"'] });
}

function accessesReason(f: Facts, serving: Cost): string {
  if (f.n === 1) return l10n.t('One access per request: the per-access cost is the whole cost.');
  const multiplied = l10n.t({ message: '{0} accesses per request multiply every per-access cost: {1}.', args: [f.n, costArithmetic(serving, f.n, f.latency.redis.label)], comment: ['{0} is a number greater than 1; {1} is the latency arithmetic of the serving tier'] });
  const redis = f.latency.redis;
  if (redis.fits || redis.perAccessMs.high > f.budget) return multiplied;
  const batched = l10n.t('Batching them into one round trip (MGET, pipelining, one query) would bring Redis to {0}–{1} ms, within the budget.', ms(redis.perAccessMs.low), ms(redis.perAccessMs.high));
  return `${multiplied} ${batched}`;
}

function instancesReason(f: Facts): string {
  const { instances, runtime } = f.inputs;
  if (runtime === 'serverless') {
    return instances === 1
      ? l10n.t('Peak 1 serverless instance: the platform starts, freezes and recycles instances on its own, so the engine treats the state as having several copies whatever the count.')
      : l10n.t({ message: 'Peak {0} serverless instances: the platform starts, freezes and recycles instances on its own, so the engine treats the state as having several copies whatever the count.', args: [instances], comment: ['{0} is a whole number of instances, more than one'] });
  }
  if (instances === 1) {
    return l10n.t('One instance: its memory is the only copy, so in-process state needs no routing and nothing can disagree with it. A second instance changes that: answer again before scaling out.');
  }
  return l10n.t({ message: '{0} instances: in-process state would be split across {0} processes, and a request lands on any of them unless it is routed by key.', args: [instances], comment: ['{0} is a whole number of instances, more than one'] });
}

function sharedReason(f: Facts): string {
  const { inputs } = f;
  if (inputs.shared === 'no') {
    return l10n.t("shared=no: no instance needs another's write right away, so per-instance copies and client-carried state are acceptable.");
  }
  if (!f.multi) {
    return l10n.t('shared=yes on one instance: its memory is the one copy every request reads, so in-process placements meet it; a client-carried copy still does not (other clients and concurrent requests never see it).');
  }
  if (inputs.runtime === 'server') {
    return l10n.t({ message: 'shared=yes with {0} instances: a write must be seen by other instances right away, so per-instance copies (an in-process cache goes stale until invalidation or TTL) and client-carried copies (seen only by requests that carry them) do not work; only a shared store, or one owner per key (consistent hashing), does.', args: [inputs.instances], comment: ['{0} is the number of instances, more than one'] });
  }
  return inputs.instances === 1
    ? l10n.t('shared=yes on serverless (peak 1 instance, started and recycled by the platform): a write must be seen by other instances right away, so per-instance copies (an in-process cache goes stale until invalidation or TTL) and client-carried copies (seen only by requests that carry them) do not work; only a shared store, or one owner per key (consistent hashing), does.')
    : l10n.t({ message: 'shared=yes on serverless (peak {0} instances, started and recycled by the platform): a write must be seen by other instances right away, so per-instance copies (an in-process cache goes stale until invalidation or TTL) and client-carried copies (seen only by requests that carry them) do not work; only a shared store, or one owner per key (consistent hashing), does.', args: [inputs.instances], comment: ['{0} is the peak number of instances, more than one'] });
}

function carryReason(inputs: Inputs): string {
  if (inputs.clientCanCarry === 'no') {
    return l10n.t('clientCanCarry=no: it is too large or too sensitive to travel with each request, so it lives server-side.');
  }
  return inputs.shared === 'yes'
    ? l10n.t('clientCanCarry=yes, but shared=yes: a client-carried copy cannot be updated or revoked for other requests, so it cannot be the source of truth here.')
    : l10n.t('clientCanCarry=yes: it can travel with each request as a signed cookie or token, leaving no server-side state.');
}

function lossReason(loss: Loss): string {
  switch (loss) {
    case 'none':
      return l10n.t('loss=none: the state must survive restarts, so process memory can never be its source of truth (rules out stateful-sticky); the truth lives in a durable store or travels with the client.');
    case 'rebuildable':
      return l10n.t('loss=rebuildable: it can be recomputed from an authoritative source, so an in-memory copy is allowed; a crash costs a rebuild, not data.');
    case 'acceptable':
      return l10n.t('loss=acceptable: it is ephemeral, so losing it in a crash or deploy is fine, but nothing outside the process stands behind it: memory is its source of truth unless an external store holds it, so an in-process cache must front a store (and pay its round trip on a miss or a write), or every request for a key must reach the one instance that owns it.');
  }
}

/** One reason per answer, in input order: why each answer pushes the placement the way it does. */
export function reasonsOf(f: Facts, serving: Cost): Reason[] {
  const { inputs } = f;
  const runtime =
    inputs.runtime === 'server'
      ? l10n.t('runtime=server: a long-running process keeps memory between requests and can be routed by key (sticky sessions, consistent hashing).')
      : l10n.t('runtime=serverless: instances cannot be routed by key and may be frozen or recycled between invocations, so memory is only a best-effort cache, never authoritative state (rules out stateful-sticky).');
  return [
    { input: 'latencyBudgetMs', text: latencyReason(f) },
    { input: 'accessesPerRequest', text: accessesReason(f, serving) },
    { input: 'instances', text: instancesReason(f) },
    { input: 'runtime', text: runtime },
    { input: 'loss', text: lossReason(inputs.loss) },
    { input: 'shared', text: sharedReason(f) },
    { input: 'clientCanCarry', text: carryReason(inputs) },
  ];
}
