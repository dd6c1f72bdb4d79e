// Decision records read back from their front matter, scope globs, statuses, and drift: findings judged against the
// accepted records that govern them. The records are rendered by the real ADR writer, so writing and reading agree.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Finding, RuleId } from '../../src/core/analyzer/types';
import { RULE_IDS } from '../../src/core/analyzer/rules';
import { markSuperseded, readDecisionRecord, type DecisionRecord } from '../../src/core/decisions/decisionRecord';
import { applyDecisions, driftCounts, governingRecord, inScope } from '../../src/core/decisions/drift';
import { decisionRows } from '../../src/core/decisions/decisionsView';
import { STATE_KINDS, stateKindOfRule } from '../../src/core/decisions/stateKind';
import { renderDecisionRecord } from '../../src/core/decisions/adr';
import { recommend } from '../../src/core/wizard/decisionEngine';
import { LOGIN_SESSIONS, inputs } from '../shared/wizardInputs';

const SESSIONS_PATH = 'docs/adr/0001-keep-session-state-externalized-in-redis.md';
const CONNECTIONS = inputs(1, 5, 8, 'server', 'rebuildable', 'yes', 'no');

function read(path: string, text: string): DecisionRecord {
  const result = readDecisionRecord(path, text);
  assert.equal(result.kind, 'record', JSON.stringify(result));
  return (result as { record: DecisionRecord }).record;
}

function finding(rule: RuleId, severity: Finding['severity'] = 'warning'): Finding {
  return {
    rule,
    severity,
    message: 'express-session keeps sessions in a MemoryStore.',
    title: 'In-memory session store',
    range: { start: { line: 4, character: 0 }, end: { line: 4, character: 10 } },
    note: 'session-storage',
    framework: 'express-session',
  };
}

const sessionsRecord = read(SESSIONS_PATH, renderDecisionRecord(LOGIN_SESSIONS, recommend(LOGIN_SESSIONS), { date: '2026-12-01', state: 'sessions' }));
const connectionsRecord = read(
  'docs/adr/0002-keep-connection-state-stateful-in-memory-routed-by-key.md',
  renderDecisionRecord(CONNECTIONS, recommend(CONNECTIONS), { date: '2026-12-01', state: 'connections' }),
);

void describe('state kinds', () => {
  void test('every rule maps to a kind; sessions and session maps to sessions, Socket.IO to connections', () => {
    for (const rule of RULE_IDS) assert.ok(STATE_KINDS.includes(stateKindOfRule(rule)), rule);
    assert.equal(stateKindOfRule('session-store-in-memory'), 'sessions');
    assert.equal(stateKindOfRule('session-store-local-disk'), 'sessions');
    assert.equal(stateKindOfRule('in-memory-session-map'), 'sessions');
    assert.equal(stateKindOfRule('socketio-no-adapter'), 'connections');
  });
});

void describe('reading a record', () => {
  void test('a record Statecraft wrote reads back with its status, state, placement, answers and title', () => {
    assert.equal(sessionsRecord.status, 'accepted');
    assert.equal(sessionsRecord.state, 'sessions');
    assert.equal(sessionsRecord.placement, 'externalized');
    assert.equal(sessionsRecord.date, '2026-12-01');
    assert.deepEqual(sessionsRecord.scope, []);
    assert.deepEqual(sessionsRecord.answers, LOGIN_SESSIONS);
    assert.equal(sessionsRecord.title, 'Keep session state externalized in Redis');
  });

  void test('a hand-written record (no front matter, or none of ours) is left alone', () => {
    assert.deepEqual(readDecisionRecord('a.md', '# Use Postgres\n\n* Status: accepted\n'), { kind: 'not-statecraft' });
    assert.deepEqual(readDecisionRecord('a.md', '---\nstatus: accepted\ndate: 2026-01-01\n---\n# Use Postgres\n'), { kind: 'not-statecraft' });
  });

  const malformed: [string, string, string, number][] = [
    ['broken YAML', '---\nstatus: accepted\nstate: [sessions\n---\n', 'front matter is not valid YAML', 2],
    ['unknown state', '---\nstatus: accepted\nstate: carts\nplacement: externalized\n---\n', 'decision record state must be one of sessions, connections, cache, rate-limits, other (got "carts")', 2],
    ['unknown placement', '---\nstatus: accepted\nstate: sessions\nplacement: redis\n---\n', 'decision record placement must be one of stateless, externalized, in-process-cache, stateful-sticky (got "redis")', 3],
    ['unknown status', '---\nstatus: done\nstate: sessions\nplacement: externalized\n---\n', 'decision record status must be one of proposed, accepted, rejected, deprecated or "superseded by <file>" (got "done")', 1],
    ['scope not a list of globs', '---\nstatus: accepted\nstate: sessions\nplacement: externalized\nscope: [1, 2]\n---\n', 'decision record scope must be a list of path globs, e.g. ["src/sessions/**"]', 4],
    ['bad answers', '---\nstatus: accepted\nstate: sessions\nplacement: externalized\nanswers: { instances: 0 }\n---\n', 'decision record answers are not valid: latencyBudgetMs is required: a number greater than 0', 4],
  ];
  for (const [name, text, message, line] of malformed) {
    void test(`malformed front matter is a problem with a message and a line, never a throw: ${name}`, () => {
      const result = readDecisionRecord('docs/adr/0003-x.md', text);
      assert.equal(result.kind, 'problem');
      const problem = (result as { problem: { message: string; line: number; path: string } }).problem;
      assert.ok(problem.message.startsWith(message), problem.message);
      assert.equal(problem.line, line);
      assert.equal(problem.path, 'docs/adr/0003-x.md');
    });
  }

  void test('statuses: MADR words in any case, and "superseded by <file>" keeps the file name', () => {
    const withStatus = (status: string) => read('x.md', `---\nstatus: ${status}\nstate: sessions\nplacement: externalized\n---\n`);
    assert.equal(withStatus('Proposed').status, 'proposed');
    assert.equal(withStatus('rejected').status, 'rejected');
    assert.equal(withStatus('deprecated').status, 'deprecated');
    const superseded = withStatus('"superseded by 0004-Move-Sessions.md"');
    assert.equal(superseded.status, 'superseded');
    assert.equal(superseded.supersededBy, '0004-Move-Sessions.md');
  });
});

void describe('scope globs', () => {
  const scoped = (...scope: string[]) => ({ scope });
  void test('no scope governs the whole repository', () => assert.ok(inScope(scoped(), 'any/where/at/all.ts')));
  void test('a glob with a slash matches from the root; ./ and backslashes are normalised', () => {
    assert.ok(inScope(scoped('src/web/**'), 'src/web/app.js'));
    assert.ok(inScope(scoped('./src/web/**'), 'src\\web\\deep\\app.js'));
    assert.ok(!inScope(scoped('src/web/**'), 'src/worker/app.js'));
    assert.ok(!inScope(scoped('src/web/**'), 'lib/src/web/app.js'));
  });
  void test('a glob without a slash matches a base name at any depth, dot files included', () => {
    assert.ok(inScope(scoped('*.py'), 'services/api/app.py'));
    assert.ok(inScope(scoped('.env*'), 'deploy/.env.local'));
    assert.ok(!inScope(scoped('*.py'), 'services/api/app.ts'));
  });
  void test('any of several globs', () => assert.ok(inScope(scoped('a/**', 'b/**'), 'b/x.go')));
});

void describe('drift', () => {
  void test('a session store in memory contradicts a record that externalizes sessions: a decision-drift finding naming it', () => {
    const [judged] = applyDecisions([finding('session-store-in-memory')], 'src/app.js', [sessionsRecord]);
    assert.equal(judged.rule, 'decision-drift');
    assert.equal(judged.severity, 'warning');
    assert.deepEqual(judged.decision, { verdict: 'drift', record: SESSIONS_PATH, rule: 'session-store-in-memory' });
    assert.equal(judged.message, `Contradicts ${SESSIONS_PATH}: sessions are to be externalized. express-session keeps sessions in a MemoryStore.`);
    assert.equal(judged.title, 'Contradicts 0001-keep-session-state-externalized-in-redis.md');
    assert.deepEqual(judged.range, finding('session-store-in-memory').range);
  });

  void test('a connection registry a stateful-sticky record accepts stays visible, one level lower, naming the record', () => {
    const [judged] = applyDecisions([finding('socketio-no-adapter', 'information')], 'src/io.js', [sessionsRecord, connectionsRecord]);
    assert.equal(judged.rule, 'socketio-no-adapter');
    assert.equal(judged.severity, 'hint');
    assert.equal(judged.decision?.verdict, 'accepted');
    assert.equal(judged.decision?.record, connectionsRecord.path);
    assert.ok(judged.message.startsWith(`Accepted by ${connectionsRecord.path} (connection state is to stay in memory, routed by key): `), judged.message);
    const [warning] = applyDecisions([finding('socketio-no-adapter', 'warning')], 'src/io.js', [connectionsRecord]);
    assert.equal(warning.severity, 'information');
  });

  void test('a finding of a kind no record decides, or outside the scope, is unchanged', () => {
    const sessionFinding = finding('session-store-in-memory');
    assert.deepEqual(applyDecisions([sessionFinding], 'src/app.js', [connectionsRecord]), [sessionFinding]);
    const scopedRecord = { ...sessionsRecord, scope: ['services/web/**'] };
    assert.deepEqual(applyDecisions([sessionFinding], 'services/admin/app.js', [scopedRecord]), [sessionFinding]);
    assert.equal(applyDecisions([sessionFinding], 'services/web/app.js', [scopedRecord])[0].rule, 'decision-drift');
  });

  for (const status of ['proposed', 'rejected', 'deprecated', 'superseded'] as const) {
    void test(`a ${status} record governs nothing`, () => {
      const sessionFinding = finding('session-store-in-memory');
      assert.deepEqual(applyDecisions([sessionFinding], 'src/app.js', [{ ...sessionsRecord, status }]), [sessionFinding]);
    });
  }

  void test('the newest accepted record of the kind governs; a judged finding is never judged again', () => {
    const newer = { ...connectionsRecord, state: 'sessions' as const, path: 'docs/adr/0005-sticky-sessions.md', date: '2026-12-02' };
    assert.equal(governingRecord('sessions', 'src/app.js', [sessionsRecord, newer])?.path, newer.path);
    const once = applyDecisions([finding('session-store-in-memory')], 'src/app.js', [sessionsRecord]);
    assert.deepEqual(applyDecisions(once, 'src/app.js', [newer]), once);
  });

  void test('configuration findings: affinity is judged like the state it keeps; a URL hash keeps none and is never judged', () => {
    // Affinity exists to keep sessions on one instance: an externalizing record contradicts it, a sticky one accepts it.
    const affinity = { ...finding('sticky-routing-affinity', 'information'), framework: 'Kubernetes Service' };
    assert.equal(applyDecisions([affinity], 'k8s/service.yaml', [sessionsRecord])[0].rule, 'decision-drift');
    const stickySessions = { ...connectionsRecord, state: 'sessions' as const };
    assert.equal(applyDecisions([affinity], 'k8s/service.yaml', [stickySessions])[0].decision?.verdict, 'accepted');
    // A consistent hash on $request_uri holds no state, so a record that externalizes the cache has nothing against it.
    const urlHash = { ...finding('consistent-hash-non-client-key', 'information'), framework: 'nginx' };
    const externalCache = { ...sessionsRecord, state: 'cache' as const, path: 'docs/adr/0003-keep-cache-state-externalized.md' };
    assert.equal(stateKindOfRule('consistent-hash-non-client-key'), 'cache');
    assert.deepEqual(applyDecisions([urlHash], 'deploy/nginx.conf', [externalCache]), [urlHash]);
  });

  void test('drift counts per record', () => {
    const judged = applyDecisions([finding('session-store-in-memory'), finding('in-memory-session-map'), finding('socketio-no-adapter')], 'src/app.js', [sessionsRecord, connectionsRecord]);
    assert.deepEqual([...driftCounts(judged)], [[SESSIONS_PATH, 2]]);
  });
});

void describe('superseding', () => {
  void test('marks the front matter and the visible status, keeping every other line', () => {
    const text = renderDecisionRecord(LOGIN_SESSIONS, recommend(LOGIN_SESSIONS), { date: '2026-12-01', state: 'sessions' });
    const marked = markSuperseded(text, '0002-keep-session-state-in-memory.md');
    assert.ok(marked);
    const record = read(SESSIONS_PATH, marked);
    assert.equal(record.status, 'superseded');
    assert.equal(record.supersededBy, '0002-keep-session-state-in-memory.md');
    assert.ok(marked.includes('\n* Status: superseded by 0002-keep-session-state-in-memory.md\n'));
    const before = text.split('\n');
    const after = marked.split('\n');
    assert.equal(after.length, before.length);
    assert.deepEqual(after.filter((line, i) => line !== before[i]).length, 2);
  });

  void test('a record without front matter status cannot be marked', () => {
    assert.equal(markSuperseded('# Hand written\n', 'x.md'), undefined);
  });
});

void describe('the Decisions view rows', () => {
  void test('newest first, with status, state, placement and drift; only accepted and proposed can be superseded', () => {
    const superseded = { ...connectionsRecord, status: 'superseded' as const, supersededBy: '0003-x.md' };
    const rows = decisionRows([sessionsRecord, superseded], (path) => (path === SESSIONS_PATH ? 2 : 5));
    assert.deepEqual(
      rows.map((row) => [row.label, row.description, row.canSupersede, row.drift]),
      [
        ['Keep connection state stateful in memory, routed by key', 'superseded by 0003-x.md · connections · stateful-sticky', false, 0],
        ['Keep session state externalized in Redis', 'accepted · sessions · externalized · 2 findings drift', true, 2],
      ],
    );
    assert.equal(decisionRows([sessionsRecord], () => 1)[0].description, 'accepted · sessions · externalized · 1 finding drifts');
    assert.match(rows[1].tooltip, /Scope: the whole repository$/);
  });
});
