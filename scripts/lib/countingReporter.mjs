// A node:test reporter that counts leaf tests (suites excluded) and writes {"passed","failed"} as JSON, so the
// aggregate runner can total every tier into the one line CI reads.
export default async function* countingReporter(source) {
  let passed = 0;
  let failed = 0;
  for await (const event of source) {
    if (event.type !== 'test:pass' && event.type !== 'test:fail') continue;
    if (event.data.details?.type === 'suite') continue;
    if (event.data.skip || event.data.todo) continue;
    if (event.type === 'test:pass') passed++;
    else failed++;
  }
  yield JSON.stringify({ passed, failed });
}
