// `--shard i/n`: splits one repository's scan across n CI jobs. Each file belongs to exactly one shard, chosen from a
// hash of its workspace-relative path, so the split is the same on every machine and every run, needs no file list
// shared between jobs, and a file keeps its shard when other files are added or removed. The union of the n shards'
// findings is the full scan's.

import * as l10n from '@vscode/l10n';
import { fnv1a32 } from './fingerprint';

/** Shard `index` (1-based, as users write it) of `count`. */
export interface Shard {
  readonly index: number;
  readonly count: number;
}

/** Parses "i/n" (1 ≤ i ≤ n); throws an Error whose message says what is wrong. */
export function parseShard(text: string): Shard {
  const match = /^(\d+)\/(\d+)$/.exec(text.trim());
  const index = match ? Number(match[1]) : NaN;
  const count = match ? Number(match[2]) : NaN;
  if (!match || count < 1 || index < 1 || index > count) {
    throw new Error(l10n.t('"{0}" is not a shard: expected i/n with 1 ≤ i ≤ n, for example 2/4', text));
  }
  return { index, count };
}

/** True when the file at `relativePath` (workspace-relative, `/` separators) belongs to `shard`. */
export function inShard(relativePath: string, shard: Shard): boolean {
  return shard.count === 1 || (fnv1a32(relativePath) % shard.count) + 1 === shard.index;
}
