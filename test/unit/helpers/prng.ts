// The tests' and bench's seeded PRNG is the core's (one mulberry32): fuzz and property tests print a seed and replay it.
export { seededRandom as prng } from '../../../src/core/sim/seededHash';
