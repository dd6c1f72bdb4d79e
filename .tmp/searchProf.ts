import { buildSearchIndex } from '../src/core/search/searchIndex';
import { syntheticCollection } from '../bench/syntheticNotes';
import { percentile } from '../bench/stats';
const c = syntheticCollection(10_000);
let t = performance.now();
const index = buildSearchIndex(c.notes);
console.log('build', (performance.now() - t).toFixed(0));
for (const q of c.queries) index.search(q);
const all: number[] = [];
const per: [string, number, number][] = [];
for (const q of c.queries) {
  const ts: number[] = [];
  let hits = 0;
  for (let i = 0; i < 5; i++) { t = performance.now(); hits = index.search(q).length; ts.push(performance.now() - t); }
  all.push(...ts); per.push([q, percentile(ts, 50), hits]);
}
per.sort((a, b) => b[1] - a[1]);
console.log('p50', percentile(all, 50).toFixed(2), 'p95', percentile(all, 95).toFixed(2));
console.log(per.slice(0, 8).map((p) => `${p[0]}: ${p[1].toFixed(2)} (${p[2]})`).join('\n'));
