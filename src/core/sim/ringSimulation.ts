// Consistent hashing with virtual nodes against modulo hashing: how many keys move when nodes join or leave, and
// how evenly the keys spread. Pure and seeded; the CLI (`statecraft simulate ring`), the note viewer's ring panel
// and the unit tests all call `simulateRing`, so the numbers a person reads are the numbers that are tested.
//
// Model: node i is named `node-i`; adding A nodes appends node-N … node-(N+A-1); removing R nodes removes the last R.
// Under modulo hashing a key goes to node (hash mod count). On the ring every node owns `vnodes` points
// (hash of `node-i#v`) and a key belongs to the first point clockwise from its hash.
import { hash32 } from './seededHash';

/** Bounds every caller checks against: big enough to be interesting, small enough to stay fast. */
export const RING_LIMITS = {
  nodes: { min: 1, max: 1000 },
  vnodes: { min: 1, max: 1000 },
  keys: { min: 1, max: 1_000_000 },
  /** Nodes added or removed in one change. */
  change: { min: 1, max: 1000 },
} as const;

export type RingChange = { readonly kind: 'add'; readonly count: number } | { readonly kind: 'remove'; readonly count: number } | { readonly kind: 'none' };

export interface RingInput {
  readonly nodes: number;
  readonly vnodes: number;
  readonly keys: number;
  readonly seed: number;
  readonly change: RingChange;
}

/** One hashing scheme's outcome. `moved` and `maxLoadRatio` are fractions/ratios, counts are whole keys. */
export interface SchemeOutcome {
  /** Fraction of keys whose owner changed. */
  readonly moved: number;
  readonly movedKeys: number;
  /** Keys per node after the change, in node order. */
  readonly loads: readonly number[];
  /** Busiest node ÷ mean (keys ÷ nodes), after the change. */
  readonly maxLoadRatio: number;
}

export interface RingResult {
  readonly nodesBefore: number;
  readonly nodesAfter: number;
  readonly vnodes: number;
  readonly keys: number;
  readonly seed: number;
  readonly modulo: SchemeOutcome;
  readonly ring: SchemeOutcome;
  /** What theory expects for `moved` on a large number of keys (see {@link expectedMoved}). */
  readonly expected: { readonly modulo: number; readonly ring: number };
}

/** A ring of virtual-node points, sorted by position, with the node index owning each point. */
export interface Ring {
  readonly positions: Uint32Array;
  readonly owners: Uint16Array;
}

export function buildRing(nodes: number, vnodes: number, seed: number): Ring {
  const count = nodes * vnodes;
  const raw = new Array<{ at: number; node: number }>(count);
  for (let node = 0, i = 0; node < nodes; node++) {
    for (let v = 0; v < vnodes; v++, i++) raw[i] = { at: hash32(`node-${node}#${v}`, seed), node };
  }
  // Ties (two points on the same 32-bit position) are broken by node index, so the order is total and stable.
  raw.sort((a, b) => a.at - b.at || a.node - b.node);
  return { positions: Uint32Array.from(raw, (p) => p.at), owners: Uint16Array.from(raw, (p) => p.node) };
}

/** The node owning `position`: the first ring point at or after it, wrapping round to the first point. */
export function ringOwner(ring: Ring, position: number): number {
  const { positions } = ring;
  let low = 0;
  let high = positions.length;
  while (low < high) {
    const mid = (low + high) >>> 1;
    if (positions[mid] < position) low = mid + 1;
    else high = mid;
  }
  return ring.owners[low === positions.length ? 0 : low];
}

/** The hash of key `index`; keys and ring points use different seeds so they are independent. */
export function keyHash(index: number, seed: number): number {
  return hash32(`key-${index}`, seed ^ 0x5bd1e995);
}

export function nodesAfter(nodes: number, change: RingChange): number {
  switch (change.kind) {
    case 'add':
      return nodes + change.count;
    case 'remove':
      return nodes - change.count;
    case 'none':
      return nodes;
  }
}

function gcd(a: number, b: number): number {
  return b === 0 ? a : gcd(b, a % b);
}

/**
 * The closed forms for the fraction of keys that move from `before` to `after` nodes, for uniformly hashed keys:
 * on the ring exactly the keys of the nodes that left (R/N) or of the arcs the new ones took (A/(N+A)); under
 * modulo a key stays only when `h mod N = h mod M`, which holds for min(N, M) residues out of every lcm(N, M).
 * One node added to N: N/(N+1) under modulo, 1/(N+1) on the ring; one of N removed: (N-1)/N and 1/N.
 */
export function expectedMoved(before: number, after: number): { modulo: number; ring: number } {
  if (before === after) return { modulo: 0, ring: 0 };
  const lcm = (before / gcd(before, after)) * after;
  return { modulo: 1 - Math.min(before, after) / lcm, ring: Math.abs(after - before) / Math.max(before, after) };
}

function loadRatio(loads: readonly number[], keys: number): number {
  return loads.length === 0 ? 0 : Math.max(...loads) / (keys / loads.length);
}

/** Runs both schemes over `keys` keys before and after the change. Throws on input outside {@link RING_LIMITS}. */
export function simulateRing(input: RingInput): RingResult {
  const { nodes, vnodes, keys, seed, change } = input;
  const after = nodesAfter(nodes, change);
  if (after < RING_LIMITS.nodes.min || after > RING_LIMITS.nodes.max + RING_LIMITS.change.max) {
    throw new RangeError(`a change from ${nodes} nodes must leave between 1 and ${RING_LIMITS.nodes.max + RING_LIMITS.change.max} nodes`);
  }
  const ringBefore = buildRing(nodes, vnodes, seed);
  // Adding nodes keeps every existing point (same names, same hashes); removing drops the removed nodes' points.
  const ringAfter = change.kind === 'none' ? ringBefore : buildRing(after, vnodes, seed);
  const moduloLoads = new Array<number>(after).fill(0);
  const ringLoads = new Array<number>(after).fill(0);
  let moduloMoved = 0;
  let ringMoved = 0;
  for (let i = 0; i < keys; i++) {
    const h = keyHash(i, seed);
    const moduloOwner = h % after;
    if (h % nodes !== moduloOwner) moduloMoved++;
    moduloLoads[moduloOwner]++;
    const ringOwnerAfter = ringOwner(ringAfter, h);
    if (ringAfter !== ringBefore && ringOwner(ringBefore, h) !== ringOwnerAfter) ringMoved++;
    ringLoads[ringOwnerAfter]++;
  }
  return {
    nodesBefore: nodes,
    nodesAfter: after,
    vnodes,
    keys,
    seed,
    modulo: { moved: moduloMoved / keys, movedKeys: moduloMoved, loads: moduloLoads, maxLoadRatio: loadRatio(moduloLoads, keys) },
    ring: { moved: ringMoved / keys, movedKeys: ringMoved, loads: ringLoads, maxLoadRatio: loadRatio(ringLoads, keys) },
    expected: expectedMoved(nodes, after),
  };
}

/** What the ring panel draws: every virtual-node point and a sample of keys with their owners before and after. */
export interface RingDrawing {
  /** Positions as fractions of the circle in [0, 1), with the owning node index. */
  readonly points: readonly { readonly at: number; readonly node: number }[];
  readonly keys: readonly { readonly at: number; readonly before: number; readonly after: number }[];
}

const CIRCLE = 2 ** 32;

/** The first `sampleKeys` keys of the same simulation, for drawing (the figures come from {@link simulateRing}). */
export function ringDrawing(input: RingInput, sampleKeys: number): RingDrawing {
  const after = nodesAfter(input.nodes, input.change);
  const ringBefore = buildRing(input.nodes, input.vnodes, input.seed);
  const ringAfter = buildRing(after, input.vnodes, input.seed);
  const points = Array.from(ringAfter.positions, (at, i) => ({ at: at / CIRCLE, node: ringAfter.owners[i] }));
  const keys = [];
  for (let i = 0; i < Math.min(sampleKeys, input.keys); i++) {
    const h = keyHash(i, input.seed);
    keys.push({ at: h / CIRCLE, before: ringOwner(ringBefore, h), after: ringOwner(ringAfter, h) });
  }
  return { points, keys };
}
