import { analyzerBench } from './analyzerBench';
(async () => {
  const quick = process.argv.includes('--quick');
  const r = await analyzerBench({ quick, extensionDir: '/work/main', vsixPath: undefined } as any);
  for (const row of r.rows as any[]) console.log([row.figure, row.median, row.spread ?? '', row.ratio ?? '', row.status ?? ''].join(' | '));
  require('fs').writeFileSync(process.argv[2] ?? '/tmp/ab/out.json', JSON.stringify(r, null, 2));
})();
