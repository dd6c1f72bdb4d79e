// The session-state analyzer speaks through the bundle: every finding message, CodeLens title and quick-fix title,
// every reason a file was skipped and every rule title/description comes out of @vscode/l10n, so a translation can
// change it. The analyzer runs over EVERY fixture under test/fixtures/analyzer (plus a few sources below for the
// message variants no fixture reaches) while the pseudo-locale is active.
//
// Two pseudo-locales:
//  - the shared one (helpers/pseudoLocale): each message becomes ⟪message⟫ with its values filled in inside the
//    brackets. Prose outside every bracket skipped the bundle.
//  - the strict one (same helper), that closes the brackets around each {0} placeholder and fences the value:
//    ⟪It is written in ⟫|issue()|⟪, which ⟫|serve()|⟪ calls while handling requests.⟫ Each value is then judged on its
//    own, so an English phrase passed in as a value (rather than written into a whole message) is caught too, while
//    identifiers from the user's code are not mistaken for prose.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import * as path from 'node:path';
import { buildSarifReport } from '../../src/core/ci/sarif';
import { createAnalyzer, type Analyzer } from '../../src/core/analyzer/analyzer';
import { RULE_IDS, ruleDescription, ruleTitle } from '../../src/core/analyzer/rules';
import type { AnalysisResult, Finding } from '../../src/core/analyzer/types';
import { nodeWasmLoader } from './analyzerHelpers';
import { untranslatedProse, usePseudoLocale, useStrictPseudoLocale } from './helpers/pseudoLocale';

const FIXTURE_ROOT = path.join(__dirname, '..', 'fixtures', 'analyzer');

/** Message variants no fixture reaches: handler func literals in Go, C# dictionaries shared through a helper, ... */
const EXTRA_SOURCES: ReadonlyArray<readonly [string, string]> = [
  [
    'func_literal.go',
    `package main

import "net/http"

var sessions = map[string]string{}
var userTokens = map[string]string{}

type Store struct{ sessions map[string]string }

var store = &Store{sessions: map[string]string{}}

func (s *Store) Save(id string) { s.sessions[id] = "x" }

func remember(id string) { userTokens[id] = "y" }

func main() {
	http.HandleFunc("/login", func(w http.ResponseWriter, r *http.Request) {
		sessions[r.FormValue("session")] = "u"
		store.Save(r.FormValue("id"))
		remember(r.FormValue("id"))
	})
}
`,
  ],
  [
    'scs_explicit_memstore.go',
    `package main

import (
	"github.com/alexedwards/scs/v2"
	"github.com/alexedwards/scs/v2/memstore"
)

func main() {
	manager := scs.New()
	manager.Store = memstore.New()
}
`,
  ],
  [
    'HeldByController.cs',
    `using System.Collections.Generic;
using Microsoft.AspNetCore.Mvc;

public class SessionBook
{
    private static Dictionary<string, string> _sessions = new();
    private Dictionary<string, string> _userTokens = new();
    public void Add(string sessionId, string user) { _sessions[sessionId] = user; _userTokens[user] = sessionId; }
}

[ApiController]
public class LoginController : ControllerBase
{
    private static SessionBook Book = new SessionBook();
    [HttpPost]
    public void Login(string sessionId, string user) { Book.Add(sessionId, user); }
}
`,
  ],
  [
    'HeldBySingleton.cs',
    `using System.Collections.Generic;

public class UserMap
{
    private Dictionary<string, string> _byUser = new();
    public void Put(string userId, string value) { _byUser[userId] = value; }
}

public class Tracker
{
    private UserMap map = new UserMap();
    private static Dictionary<string, int> SessionCounts = new();
    public void Track(string userId, string sessionId) { map.Put(userId, "x"); SessionCounts[sessionId] = 1; }
}

public static class Startup
{
    public static void Configure(IServiceCollection services) { services.AddSingleton<Tracker>(); }
}
`,
  ],
  [
    'HeldByPage.cs',
    `using System.Collections.Generic;
using Microsoft.AspNetCore.Mvc.RazorPages;

public class CartBook
{
    public static Dictionary<string, string> Carts = new();
    public void Add(string userId, string value) { Carts[userId] = value; }
}

public class CartModel : PageModel
{
    private static CartBook Book = new CartBook();
    public void OnPost(string userId) { Book.Add(userId, "x"); }
}
`,
  ],
  [
    'no_key.js',
    `const express = require('express');
const app = express();
const userSessions = new Map();
app.post('/login', (req, res) => {
  userSessions.set();
  res.end();
});
`,
  ],
  [
    'settings.py',
    `SESSION_ENGINE = "django.contrib.sessions.backends.cache"
CACHES = {"default": {"BACKEND": "django.core.cache.backends.filebased.FileBasedCache"}}
`,
  ],
  [
    'flask_simple_cache.py',
    `from flask import Flask
from cachelib import SimpleCache

app = Flask(__name__)
app.config["SESSION_CACHELIB"] = SimpleCache()
active_sessions = set()

@app.route("/login")
def login():
    active_sessions.add()
    return "ok"
`,
  ],
  ['ini_save_path.php', "<?php\nini_set('session.save_path', '/var/lib/php/sessions');\n"],
];

function listFiles(directory: string): string[] {
  return readdirSync(directory)
    .flatMap((entry) => {
      const full = path.join(directory, entry);
      return statSync(full).isDirectory() ? listFiles(full) : [full];
    })
    .sort();
}

/** Every fixture as [path relative to its language folder, text] (as analyzerFixtures.test.ts analyses them), then the extras. */
function allSources(): Array<readonly [string, string]> {
  const fixtures = readdirSync(FIXTURE_ROOT)
    .filter((language) => statSync(path.join(FIXTURE_ROOT, language)).isDirectory())
    .flatMap((language) =>
      listFiles(path.join(FIXTURE_ROOT, language)).map(
        (file) => [path.relative(path.join(FIXTURE_ROOT, language), file).split(path.sep).join('/'), readFileSync(file, 'utf8')] as const,
      ),
    );
  return [...fixtures, ...EXTRA_SOURCES];
}

/** A user-visible text and where it came from. */
interface Shown {
  readonly where: string;
  readonly text: string;
}

function findingTexts(where: string, finding: Finding): Shown[] {
  const at = `${where}:${finding.range.start.line + 1} ${finding.rule}`;
  return [
    { where: `${at} message`, text: finding.message },
    { where: `${at} title`, text: finding.title },
    ...(finding.fix ? [{ where: `${at} fix title`, text: finding.fix.title }] : []),
  ];
}

function resultTexts(where: string, result: AnalysisResult): Shown[] {
  return [
    ...[...result.findings, ...result.suppressed].flatMap((finding) => findingTexts(where, finding)),
    ...(result.skipped !== undefined ? [{ where: `${where} skipped`, text: result.skipped }] : []),
  ];
}

/** The reasons a file is skipped, one input per reason (sizes in MB, KB and bytes). */
async function skipReasons(analyzer: Analyzer): Promise<Array<{ reason: string; result: AnalysisResult }>> {
  const express = "const session = require('express-session');\napp.use(session({ secret: 's' }));\n";
  const slow = createAnalyzer(nodeWasmLoader, { parseTimeoutMs: 1 });
  try {
    return [
      { reason: 'too-large (MB)', result: await analyzer.analyze(`// ${'x'.repeat(1024 * 1024 + 100_000)}\n`, 'big.js') },
      { reason: 'too-large (KB)', result: await analyzer.analyze(`// ${'x'.repeat(5000)}\n`, 'big.js', { maxBytes: 4000 }) },
      { reason: 'too-large (bytes)', result: await analyzer.analyze(express, 'big.js', { maxBytes: 50 }) },
      { reason: 'minified', result: await analyzer.analyze(`${express}var a=${'1+'.repeat(6000)}1;\n`, 'bundle.min.js') },
      { reason: 'unsupported', result: await analyzer.analyze(express, 'notes.txt') },
      { reason: 'test-file', result: await analyzer.analyze(express, 'test/app.test.js') },
      { reason: 'cancelled', result: await analyzer.analyze(express, 'app.js', { isCancelled: () => true }) },
      { reason: 'timeout', result: await slow.analyze(`${express}${'const a = [1, 2, {b: 3}, "session"];\n'.repeat(20_000)}`, 'app.js') },
    ];
  } finally {
    slow.dispose();
  }
}

/** The texts with prose outside the brackets, as "where: prose" lines (empty when everything went through the bundle). */
function untranslated(shown: readonly Shown[]): string[] {
  return shown.flatMap(({ where, text }) => untranslatedProse(text).map((prose) => `${where}: ${prose}`));
}

describe('analyzer localisation (pseudo-locale)', () => {
  let analyzer: Analyzer;
  let restore: () => void = () => undefined;

  before(async () => {
    analyzer = createAnalyzer(nodeWasmLoader);
    restore = usePseudoLocale();
  });

  after(() => {
    restore();
    analyzer.dispose();
  });

  test('every finding of every fixture: message, CodeLens title and quick-fix title are translated', async () => {
    const shown: Shown[] = [];
    let findings = 0;
    let fixes = 0;
    for (const [name, text] of allSources()) {
      const result = await analyzer.analyze(text, name);
      findings += result.findings.length + result.suppressed.length;
      fixes += result.findings.filter((finding) => finding.fix).length;
      shown.push(...resultTexts(name, result));
    }
    assert.ok(findings >= 50, `only ${findings} findings: the fixtures did not run`);
    assert.ok(fixes > 0, 'no quick fix was produced, so no fix title was checked');
    assert.deepEqual(untranslated(shown), []);
    const messages = shown.filter((item) => item.where.endsWith(' message'));
    const unwrapped = messages.filter((item) => !(item.text.startsWith('⟪') && item.text.endsWith('⟫')));
    assert.ok(messages.length > 0, 'no finding message was checked');
    assert.deepEqual(unwrapped, [], 'every finding message is one translated message, wrapped in ⟪ ⟫');
    assert.ok(shown.some((item) => item.where.endsWith(' fix title') && item.text === '⟪Store sessions in Redis (connect-redis)⟫'));
  });

  test('the reasons a file is skipped (too large, minified, unsupported, ...) are translated, sizes included', async () => {
    const reasons = await skipReasons(analyzer);
    for (const { reason, result } of reasons) {
      assert.ok(result.skipped?.startsWith('⟪') && result.skipped.endsWith('⟫'), `${reason}: ${result.skipped}`);
    }
    const byReason = new Map(reasons.map(({ reason, result }) => [reason, result.skipped]));
    assert.equal(byReason.get('too-large (MB)'), '⟪file is ⟪1.1 MB⟫, over the ⟪1 MB⟫ limit⟫');
    assert.equal(byReason.get('too-large (KB)'), '⟪file is ⟪4.9 KB⟫, over the ⟪3.9 KB⟫ limit⟫');
    assert.equal(byReason.get('minified'), '⟪looks minified or generated (a line of 12008 characters, limit 10000)⟫');
    assert.deepEqual(untranslated(reasons.map(({ reason, result }) => ({ where: reason, text: result.skipped ?? '' }))), []);
  });

  test('rule titles and descriptions, and the SARIF rules the CLI builds from them, are translated', () => {
    const shown = RULE_IDS.flatMap((id) => [
      { where: `${id} title`, text: ruleTitle(id) },
      { where: `${id} description`, text: ruleDescription(id) },
    ]);
    assert.ok(shown.every(({ text }) => text.startsWith('⟪') && text.endsWith('⟫')));
    const sarif = buildSarifReport([], { srcRootUri: 'file:///project/', category: 'statecraft', version: '0.0.0' }).log as { runs: Array<{ tool: { driver: { rules: Array<{ id: string; shortDescription: { text: string }; fullDescription: { text: string } }> } } }> };
    const rules = sarif.runs[0].tool.driver.rules;
    assert.deepEqual(rules.map((rule) => rule.id), [...RULE_IDS]);
    for (const rule of rules) {
      shown.push({ where: `SARIF ${rule.id} shortDescription`, text: rule.shortDescription.text }, { where: `SARIF ${rule.id} fullDescription`, text: rule.fullDescription.text });
    }
    assert.deepEqual(untranslated(shown), []);
  });
});

describe('analyzer localisation (strict pseudo-locale: values outside the brackets)', () => {
  let analyzer: Analyzer;
  let restore: () => void = () => undefined;

  before(async () => {
    analyzer = createAnalyzer(nodeWasmLoader);
    restore = useStrictPseudoLocale();
  });

  after(() => {
    restore();
    analyzer.dispose();
  });

  test('no English phrase reaches a message as a value: every variant is a whole message', async () => {
    const shown: Shown[] = [];
    for (const [name, text] of allSources()) {
      shown.push(...resultTexts(name, await analyzer.analyze(text, name)));
    }
    for (const { reason, result } of await skipReasons(analyzer)) {
      shown.push({ where: reason, text: result.skipped ?? '' });
    }
    assert.ok(shown.length > 100, `only ${shown.length} texts checked`);
    assert.ok(shown.some(({ text }) => text.includes('⟫|')), 'values are fenced');
    assert.deepEqual(untranslated(shown), []);
    assert.ok(
      shown.some(({ text }) => text.includes('⟪It is written in a request handler.⟫')),
      'a handler with no name (a Go func literal) was produced and checked',
    );
  });
});
