// Synthetic note collections for the search benchmark: deterministic (seeded), built from a technical vocabulary
// plus generated filler words with a skewed (Zipf-like) frequency, shaped like the bundled notes (title, aliases,
// tags, summary, several "## " sections). Sizes are smaller than the bundled notes' median on purpose (about 300
// words) so a 10,000-note collection indexes in seconds on a 2-core machine.
import type { Heading, Note } from '../src/core/notes/note';
import { slugify } from '../src/core/slug';
import { seededRandom } from './stats';

export const TECH_WORDS = [
  'cache', 'session', 'replica', 'shard', 'partition', 'leader', 'follower', 'quorum', 'consensus', 'raft', 'paxos',
  'lock', 'lease', 'token', 'bucket', 'queue', 'stream', 'topic', 'broker', 'consumer', 'producer', 'offset',
  'latency', 'throughput', 'bandwidth', 'timeout', 'retry', 'backoff', 'jitter', 'circuit', 'breaker', 'bulkhead',
  'idempotency', 'deduplication', 'ordering', 'causality', 'linearizability', 'snapshot', 'isolation', 'transaction',
  'commit', 'rollback', 'journal', 'compaction', 'tombstone', 'index', 'btree', 'lsm', 'bloom', 'filter', 'hashing',
  'consistent', 'eventual', 'strong', 'availability', 'durability', 'failover', 'heartbeat', 'gossip', 'membership',
  'router', 'gateway', 'proxy', 'balancer', 'affinity', 'sticky', 'cookie', 'header', 'websocket', 'adapter',
  'presence', 'fanout', 'pubsub', 'redis', 'memcached', 'postgres', 'cassandra', 'dynamo', 'kafka', 'rabbitmq',
  'kubernetes', 'container', 'sidecar', 'autoscaling', 'deployment', 'rollout', 'canary', 'blue', 'green', 'drain',
  'shutdown', 'signal', 'probe', 'readiness', 'liveness', 'quota', 'throttling', 'limiter', 'window', 'sliding',
  'serverless', 'function', 'coldstart', 'object', 'storage', 'blob', 'multipart', 'upload', 'checksum', 'encryption',
  'authentication', 'authorization', 'jwt', 'oauth', 'refresh', 'expiry', 'ttl', 'eviction', 'lru', 'write',
  'read', 'through', 'behind', 'aside', 'invalidation', 'stampede', 'coalescing', 'placement', 'stateless', 'stateful',
  'horizontal', 'vertical', 'scaling', 'elasticity', 'capacity', 'estimation', 'percentile', 'tail', 'hotspot',
  'rebalancing', 'migration', 'schema', 'versioning', 'backpressure', 'watermark', 'checkpoint', 'replay', 'outbox',
  'saga', 'compensation', 'orchestration', 'choreography', 'event', 'sourcing', 'projection', 'materialized', 'view',
];

const COMMON_WORDS = [
  'the', 'a', 'of', 'to', 'and', 'in', 'is', 'that', 'for', 'it', 'as', 'with', 'on', 'be', 'by', 'this', 'are',
  'when', 'each', 'every', 'one', 'more', 'than', 'can', 'must', 'should', 'only', 'after', 'before', 'without',
  'request', 'server', 'client', 'instance', 'node', 'service', 'data', 'state', 'user', 'time', 'load', 'memory',
  'process', 'restart', 'keeps', 'loses', 'sends', 'reads', 'writes', 'stores', 'moves', 'fails', 'recovers',
];

const SYLLABLES = ['ka', 'to', 'ri', 'mo', 'ne', 'sa', 'lu', 'vi', 'de', 'po', 'chi', 'ra', 'fe', 'nu', 'go', 'bel', 'tor', 'min', 'zan', 'qui'];

/** Generated filler words ("karimo", "tovide"...): they make the vocabulary large, as real prose does. */
function fillerWords(count: number, random: () => number): string[] {
  const words = new Set<string>();
  while (words.size < count) {
    const length = 2 + Math.floor(random() * 3);
    let word = '';
    for (let i = 0; i < length; i++) word += SYLLABLES[Math.floor(random() * SYLLABLES.length)];
    words.add(word);
  }
  return [...words];
}

export interface SyntheticCollection {
  readonly notes: Note[];
  /** Queries over this vocabulary: titles, aliases, prefixes, typos, body-only words, several words. */
  readonly queries: string[];
}

function capitalize(word: string): string {
  return word.charAt(0).toUpperCase() + word.slice(1);
}

/** `count` notes, the same for a given count and seed in every run. */
export function syntheticCollection(count: number, seed = 42): SyntheticCollection {
  const random = seededRandom(seed);
  const filler = fillerWords(3000, random);
  // Skewed choice: low indexes are much more frequent, like word frequencies in prose.
  const skewed = <T>(items: readonly T[]) => items[Math.floor(items.length * random() ** 2.2)];
  const proseWord = () => {
    const r = random();
    return r < 0.45 ? skewed(COMMON_WORDS) : r < 0.75 ? skewed(TECH_WORDS) : skewed(filler);
  };
  const sentence = (words: number) => {
    const parts: string[] = [];
    for (let i = 0; i < words; i++) parts.push(proseWord());
    return `${capitalize(parts.join(' '))}.`;
  };
  const notes: Note[] = [];
  for (let index = 0; index < count; index++) {
    const titleWords = [skewed(TECH_WORDS), skewed(TECH_WORDS), ...(random() < 0.4 ? [skewed(TECH_WORDS)] : [])];
    const title = `${titleWords.map(capitalize).join(' ')} ${index}`;
    const aliases = Array.from({ length: Math.floor(random() * 3) }, () => `${skewed(TECH_WORDS)} ${skewed(TECH_WORDS)}`);
    const tags = Array.from({ length: 2 + Math.floor(random() * 3) }, () => skewed(TECH_WORDS));
    const lines: string[] = [sentence(25), ''];
    const headings: Heading[] = [];
    const sections = 3 + Math.floor(random() * 3);
    let words = 25;
    for (let s = 0; s < sections; s++) {
      const text = `${capitalize(skewed(TECH_WORDS))} ${skewed(TECH_WORDS)} ${s + 1}`;
      headings.push({ level: 2, text, slug: slugify(text), line: lines.length });
      lines.push(`## ${text}`, '');
      const sentences = 4 + Math.floor(random() * 4);
      for (let p = 0; p < sentences; p++) {
        const length = 8 + Math.floor(random() * 10);
        lines.push(sentence(length));
        words += length;
      }
      lines.push('');
    }
    const id = `synthetic-${index}`;
    notes.push({
      id,
      title,
      category: ['Synthetic', capitalize(titleWords[0])],
      priority: (['P0', 'P1', 'P2'] as const)[index % 3],
      summary: sentence(14),
      tags,
      aliases,
      related: [],
      ddia: [],
      sources: [],
      body: lines.join('\n'),
      headings,
      readingMinutes: Math.max(1, Math.round(words / 200)),
      wordCount: words,
      sourcePath: `synthetic/${id}.md`,
      root: 'synthetic',
    });
  }
  const typo = (word: string) => `${word.slice(0, 2)}${word[3]}${word[2]}${word.slice(4)}`;
  const queries = [
    notes[0].title.replace(/ \d+$/, '').toLowerCase(),
    notes[Math.floor(count / 2)].title.replace(/ \d+$/, '').toLowerCase(),
    notes[count - 1].title.toLowerCase(),
    ...(notes.find((note) => note.aliases.length > 0)?.aliases.slice(0, 1) ?? []),
    'consistent hashing', 'sticky session cookie', 'leader election lease', 'cache stampede', 'write behind cache',
    typo('replica'), typo('partition'), typo('idempotency'), typo('throttling'),
    'idempot', 'partit', 'websock', 'rebalan',
    filler[5], filler[60], filler[700], `${filler[3]} ${filler[9]}`,
    'redis', 'session', 'the',
  ];
  return { notes, queries };
}
