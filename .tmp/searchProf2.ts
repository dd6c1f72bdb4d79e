import MiniSearch from 'minisearch';
import { buildSearchIndex } from '../src/core/search/searchIndex';
import { syntheticCollection } from '../bench/syntheticNotes';
const c = syntheticCollection(10_000);
const index = buildSearchIndex(c.notes);
const ms = (index as any).miniSearch as MiniSearch;
const time = (f: () => unknown) => { const ts=[]; let r:any; for (let i=0;i<7;i++){const t=performance.now(); r=f(); ts.push(performance.now()-t);} ts.sort((a,b)=>a-b); return [ts[3].toFixed(1), Array.isArray(r)? r.length : (r as Map<any,any>).size]; };
for (const q of ['write behind cache', 'leader election lease', 'session', 'cache stampede', 'partit']) {
  const last = q.split(' ').pop();
  console.log(q, {
    full: time(() => index.search(q)),
    msAND: time(() => ms.search(q, { combineWith: 'AND', prefix: (t: string) => t === last } as any)),
    rawAND: time(() => (ms as any).executeQuery(q, { combineWith: 'AND', prefix: (t: string) => t === last })),
    rawNoFuzzy: time(() => (ms as any).executeQuery(q, { combineWith: 'AND', fuzzy: false, prefix: (t: string) => t === last })),
    rawNoFuzzyNoPrefix: time(() => (ms as any).executeQuery(q, { combineWith: 'AND', fuzzy: false, prefix: false })),
  });
  for (const w of q.split(' ')) {
    const m = (ms as any)._index;
    const f = m.fuzzyGet(w, w.length >= 5 ? Math.min(2, Math.round(w.length * 0.2)) : 0);
    console.log('  ', w, 'exact docs', (ms as any).executeQuery(w, {fuzzy:false,prefix:false}).size, 'fuzzy terms', f ? [...f.keys()].slice(0,10).join(',') : '', 'prefix terms', [...m.atPrefix(w).keys()].length);
  }
}
