import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import {
  decisionRecordTitle,
  nextDecisionRecordFileName,
  recommendCommandLine,
  renderDecisionRecord,
  toMarkdownSummary,
} from '../../src/core/decisions/adr';
import { CART } from '../shared/wizardInputs';
import { recommend, type Inputs } from '../../src/core/wizard/decisionEngine';

const INFEASIBLE: Inputs = { ...CART, latencyBudgetMs: 3, accessesPerRequest: 1 };

/** The record after its front matter (checked on its own below). */
function bodyOf(markdown: string): string {
  const match = /^---\n[\s\S]*?\n---\n/.exec(markdown);
  assert.ok(match, 'the record starts with front matter');
  return markdown.slice(match[0].length);
}

function headings(markdown: string): string[] {
  return markdown.split('\n').filter((l) => /^#{1,3} /.test(l));
}

void describe('renderDecisionRecord', () => {
  const md = renderDecisionRecord(CART, recommend(CART), { date: '2025-03-04' });
  const lines = bodyOf(md).split('\n');

  void test('has the MADR headings, in order', () => {
    assert.deepEqual(headings(md), [
      '# Keep service state externalized in a database',
      '## Context and Problem Statement',
      '## Decision Drivers',
      '## Considered Options',
      '## Decision Outcome',
      '### Consequences',
      '### Techniques',
      '### Confirmation',
      '## Pros and Cons of the Options',
      '### stateless',
      '### externalized',
      '### in-process-cache',
      '### stateful-sticky',
      '## More Information',
    ]);
  });

  void test('states status and date', () => {
    assert.deepEqual(lines.slice(2, 4), ['* Status: accepted', '* Date: 2025-03-04']);
  });

  void test('lists every answer as a decision driver with its value', () => {
    const start = lines.indexOf('## Decision Drivers') + 2;
    assert.deepEqual(lines.slice(start, start + 7), [
      '* Latency budget (`latencyBudgetMs`): 50 ms',
      '* Accesses per request (`accessesPerRequest`): 2',
      '* Instances (`instances`): 6',
      '* Runtime (`runtime`): server (long-running processes you deploy: VMs, containers, Kubernetes pods)',
      '* Loss (`loss`): none (it must survive restarts and deploys)',
      '* Shared (`shared`): yes (a write on one instance must be visible on every other at once)',
      '* Client can carry (`clientCanCarry`): no (too large, too sensitive, or shared with other clients)',
    ]);
  });

  void test('considers all four placements', () => {
    const start = lines.indexOf('## Considered Options') + 2;
    assert.deepEqual(
      lines.slice(start, start + 4).map((l) => l.split(':')[0]),
      ['* stateless', '* externalized', '* in-process-cache', '* stateful-sticky'],
    );
  });

  void test('justifies the outcome with the chosen option, reasons and the latency arithmetic', () => {
    assert.ok(
      md.includes(
        'Chosen option: "externalized", because a durable database is the source of truth: database 5–20 ms × 2 = 10–40 ms, within the 50 ms budget (Redis, up to 10 ms, fits too).',
      ),
    );
    assert.ok(md.includes('* `loss`: loss=none: the state must survive restarts'));
    assert.ok(md.includes('| database | 5–20 | 2 | 10–40 | yes |'));
    assert.ok(md.includes('| Redis | 1–5 | 2 | 2–10 | yes |'));
  });

  void test('consequences come from the seed table, with the chosen row marked', () => {
    assert.ok(md.includes('* Good, because service restarts are OK: nothing lives in the process.'));
    assert.ok(md.includes('* Bad, because the store becomes a single point of failure: replicate it and plan for its outages.'));
    assert.ok(md.includes('| **Externalised (chosen)** | Near-trivial + store scales | Service restarts OK | Store becomes SPOF |'));
    assert.ok(md.includes('| Stateful | Requires sticky routing | State lost on crash | Lowest latency |'));
  });

  void test('refers to notes by plain id and gives the command that reproduces the decision', () => {
    assert.ok(md.includes('* `state-placement-guide`\n* `statelessness-and-state-management`\n* `latency-numbers`'));
    assert.ok(
      md.includes(
        'Re-run `statecraft recommend --latency-budget-ms 50 --accesses-per-request 2 --instances 6 --runtime server --loss none --shared yes --client-can-carry no` when an answer changes',
      ),
    );
  });

  void test('takes a subject or a whole title', () => {
    const withSubject = renderDecisionRecord(CART, recommend(CART), { date: '2025-03-04', subject: 'cart' });
    assert.equal(bodyOf(withSubject).split('\n')[0], '# Keep cart state externalized in a database');
    const withTitle = renderDecisionRecord(CART, recommend(CART), { date: '2025-03-04', title: 'Carts live in Postgres' });
    assert.equal(bodyOf(withTitle).split('\n')[0], '# Carts live in Postgres');
  });

  void test('an infeasible recommendation is recorded as proposed, never as accepted', () => {
    const rec = recommend(INFEASIBLE);
    const record = renderDecisionRecord(INFEASIBLE, rec, { date: '2025-03-04' });
    assert.equal(bodyOf(record).split('\n')[0], '# Keep service state externalized in Redis (budget not met)');
    assert.equal(bodyOf(record).split('\n')[2], '* Status: proposed');
    assert.match(record, /^---\nstatus: proposed\n/);
    assert.ok(record.includes('Chosen option: "externalized", the closest option: no option meets every decision driver. No placement'));
  });

  void test('front matter: status, date, state, placement, scope, supersedes and every answer, in a fixed order', () => {
    assert.equal(
      md.slice(0, md.indexOf('\n# ')),
      [
        '---',
        'status: accepted',
        'date: 2025-03-04',
        'state: other',
        'placement: externalized',
        'answers:',
        '  latencyBudgetMs: 50',
        '  accessesPerRequest: 2',
        '  instances: 6',
        '  runtime: server',
        '  loss: none',
        '  shared: yes',
        '  clientCanCarry: no',
        '---',
      ].join('\n'),
    );
    const scoped = renderDecisionRecord(CART, recommend(CART), { date: '2025-03-04', state: 'sessions', scope: ['src/web/**'], supersedes: '0001-old.md' });
    assert.ok(scoped.startsWith('---\nstatus: accepted\ndate: 2025-03-04\nstate: sessions\nplacement: externalized\nscope:\n  - src/web/**\nsupersedes: 0001-old.md\nanswers:\n'), scoped.slice(0, 200));
    assert.ok(scoped.includes('\n# Keep session state externalized in a database\n'), 'the state kind names the default subject');
    assert.ok(scoped.includes('\n* Supersedes: [0001-old.md](0001-old.md)\n'));
  });

  void test('rejects a date that is not YYYY-MM-DD', () => {
    assert.throws(() => renderDecisionRecord(CART, recommend(CART), { date: '4/3/2025' }), {
      name: 'RangeError',
      message: 'date must be YYYY-MM-DD (got "4/3/2025")',
    });
  });
});

void describe('decisionRecordTitle', () => {
  void test('names the placement', () => {
    const base: Inputs = { ...CART, loss: 'rebuildable', shared: 'no' };
    assert.equal(
      decisionRecordTitle(recommend({ ...base, clientCanCarry: 'yes' }), 'login'),
      'Keep login state stateless, carried by each request',
    );
    assert.equal(decisionRecordTitle(recommend({ ...base, latencyBudgetMs: 1, accessesPerRequest: 20 })), 'Keep service state in an in-process cache');
    assert.equal(
      decisionRecordTitle(recommend({ ...CART, loss: 'rebuildable', latencyBudgetMs: 1 }), 'room'),
      'Keep room state stateful in memory, routed by key',
    );
  });
});

void describe('nextDecisionRecordFileName', () => {
  const title = 'Keep service state externalized in Redis';

  void test('starts at 0001', () => {
    assert.equal(nextDecisionRecordFileName([], title), '0001-keep-service-state-externalized-in-redis.md');
  });

  void test('takes the number after the highest, not the first gap', () => {
    assert.equal(
      nextDecisionRecordFileName(['0001-use-postgres.md', '0003-split-the-monolith.md', 'README.md'], title),
      '0004-keep-service-state-externalized-in-redis.md',
    );
  });

  void test('reads paths and ignores names without a four-digit prefix', () => {
    assert.equal(
      nextDecisionRecordFileName(['docs/adr/0007-a.md', 'docs\\adr\\0002-b.md', '12-short.md', 'template.md', 'adr-0099.md'], 'X'),
      '0008-x.md',
    );
  });

  void test('never reuses an existing name, even for the same title', () => {
    const existing = ['0001-keep-service-state-externalized-in-redis.md'];
    const next = nextDecisionRecordFileName(existing, title);
    assert.equal(next, '0002-keep-service-state-externalized-in-redis.md');
    assert.equal(existing.includes(next), false);
  });

  void test('slugs with the shared slug function, collapsing hyphen runs', () => {
    assert.equal(
      nextDecisionRecordFileName([], 'Keep login-session state stateless, carried by each request'),
      '0001-keep-login-session-state-stateless-carried-by-each-request.md',
    );
    assert.equal(nextDecisionRecordFileName([], 'Carts — in Postgres (budget not met)'), '0001-carts-in-postgres-budget-not-met.md');
    assert.equal(nextDecisionRecordFileName([], 'Zustand für Sitzungen'), '0001-zustand-für-sitzungen.md');
    assert.equal(nextDecisionRecordFileName([], ' — '), '0001-decision.md');
  });

  void test('caps long slugs at 80 characters', () => {
    const name = nextDecisionRecordFileName([], 'word '.repeat(40));
    assert.equal(name, `0001-${'word-'.repeat(16).slice(0, 79)}.md`);
  });

  void test('grows past 9999', () => {
    assert.equal(nextDecisionRecordFileName(['9999-last.md'], 'Next'), '10000-next.md');
  });
});

void describe('toMarkdownSummary', () => {
  void test('summarises answers, every option, the arithmetic, techniques and notes', () => {
    const md = toMarkdownSummary(CART, recommend(CART));
    const lines = md.split('\n');
    assert.equal(lines[0], '### State placement: externalized');
    assert.equal(lines[2], recommend(CART).headline);
    assert.ok(md.includes('| Latency budget | 50 ms |'));
    assert.ok(md.includes('| stateful-sticky | no | does not fit: loss=none: authoritative in-memory state is lost on a crash or deploy, and this state must survive restarts |'));
    assert.ok(md.includes('| database | 5–20 | 2 | 10–40 | yes |'));
    assert.ok(md.includes('- Connection pooling, so each access pays a round trip and not a connection setup.'));
    assert.ok(md.includes('**Notes:** `state-placement-guide`, `statelessness-and-state-management`, `latency-numbers`'));
  });

  void test('says so when nothing fits', () => {
    const md = toMarkdownSummary(INFEASIBLE, recommend(INFEASIBLE));
    assert.equal(md.split('\n')[0], '### State placement: externalized (closest; nothing fits)');
    assert.ok(md.includes('**Not feasible:** No placement that meets the answers fits the 3 ms budget'));
  });

  void test('gives the same command line as the CLI flags', () => {
    assert.equal(
      recommendCommandLine(CART),
      'statecraft recommend --latency-budget-ms 50 --accesses-per-request 2 --instances 6 --runtime server --loss none --shared yes --client-can-carry no',
    );
  });
});
