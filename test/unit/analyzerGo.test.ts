// Go detectors: session libraries with in-memory stores (goSessionStoreDetector) and hand-rolled session maps
// (goSessionMapDetector), run through the engine with only these detectors registered.
import { describe, test, after } from 'node:test';
import assert from 'node:assert/strict';
import { createAnalyzer } from '../../src/core/analyzer/analyzer';
import { goSessionStoreDetector } from '../../src/core/analyzer/detectors/goSessionStoreDetector';
import { goSessionMapDetector } from '../../src/core/analyzer/detectors/goSessionMapDetector';
import type { Finding } from '../../src/core/analyzer/types';
import { nodeWasmLoader } from './analyzerHelpers';

const analyzer = createAnalyzer(nodeWasmLoader, { detectors: [goSessionStoreDetector, goSessionMapDetector] });
after(() => analyzer.dispose());

async function findings(text: string): Promise<readonly Finding[]> {
  const result = await analyzer.analyze(text, 'go');
  assert.equal(result.skipped, undefined);
  return result.findings;
}

async function summary(text: string): Promise<string[]> {
  return (await findings(text)).map((finding) => `${finding.range.start.line}:${finding.rule}`);
}

describe('goSessionStoreDetector', () => {
  const scsHeader = `package main

import "github.com/alexedwards/scs/v2"
`;

  test('flags scs.New() without a Store at the call', async () => {
    const text = `${scsHeader}
var sm = scs.New()

func main() { sm.Lifetime = 0 }
`;
    const [finding, ...rest] = await findings(text);
    assert.equal(rest.length, 0);
    assert.equal(finding.rule, 'session-store-in-memory');
    assert.equal(finding.severity, 'warning');
    assert.equal(finding.note, 'externalize-sessions-go#scs');
    assert.equal(finding.framework, 'scs');
    assert.deepEqual(finding.range, { start: { line: 4, character: 9 }, end: { line: 4, character: 18 } });
  });

  test('stands down when the manager gets a Store, and flags an explicit scs memstore instead', async () => {
    const redis = `${scsHeader}import "github.com/alexedwards/scs/redisstore"

func setup() {
	app.sessions = scs.New()
	app.sessions.Store = redisstore.New(pool)
}
`;
    assert.deepEqual(await summary(redis), []);
    const memstore = `${scsHeader}import "github.com/alexedwards/scs/v2/memstore"

func setup() {
	sm := scs.New()
	sm.Store = memstore.New()
}
`;
    assert.deepEqual(await summary(memstore), ['7:session-store-in-memory']);
  });

  test('Fiber: default and Storage-less configs flagged; configured or unresolvable configs stand down', async () => {
    const header = `package main

import (
	"github.com/gofiber/fiber/v2/middleware/session"
)
`;
    assert.deepEqual(await summary(`${header}
func main() {
	store := session.New()
}
`), ['7:session-store-in-memory']);
    assert.deepEqual(await summary(`${header}
func main() {
	cfg := session.Config{KeyLookup: "cookie:sid"}
	store := session.New(cfg)
}
`), ['8:session-store-in-memory']);
    assert.deepEqual(await summary(`${header}
func main() {
	cfg := session.Config{KeyLookup: "cookie:sid"}
	cfg.Storage = redis.New()
	store := session.New(cfg)
}
`), []);
    assert.deepEqual(await summary(`${header}
func build(cfg session.Config) *session.Store {
	return session.New(cfg)
}
`), []);
    const [fiber] = await findings(`${header}
var store = session.New(session.Config{Expiration: 0})
`);
    assert.equal(fiber.note, 'externalize-sessions-go#fiber');
    assert.equal(fiber.framework, 'Fiber session');
  });

  test('gin-contrib memstore flagged through an alias; cookie stores and other memstore packages are not', async () => {
    const gin = `package main

import (
	mem "github.com/gin-contrib/sessions/memstore"
	"github.com/gin-contrib/sessions/cookie"
)

func main() {
	a := mem.NewStore([]byte("k"))
	b := cookie.NewStore([]byte("k"))
}
`;
    const [finding, ...rest] = await findings(gin);
    assert.equal(rest.length, 0);
    assert.equal(finding.range.start.line, 8);
    assert.equal(finding.note, 'externalize-sessions-go#gin');
    const other = `package main

import "github.com/gin-contrib/sessions"
import "example.com/internal/memstore"

// memstore.NewStore() would keep sessions in memory
func main() { s := memstore.NewStore(); _ = sessions.Default }
`;
    assert.deepEqual(await summary(other), []);
  });

  test('stands down in test files', async () => {
    const text = `package main

import (
	"testing"
	"github.com/alexedwards/scs/v2"
)

func TestX(t *testing.T) { sm := scs.New(); _ = sm }
`;
    assert.deepEqual(await summary(text), []);
  });
});

describe('goSessionMapDetector', () => {
  const header = `package main

import (
	"net/http"
	"sync"

	"github.com/gin-gonic/gin"
)
`;

  test('flags a package-level map written in a net/http handler, at the variable', async () => {
    const text = `${header}
var sessions = map[string]string{}

func login(w http.ResponseWriter, r *http.Request) {
	sessions[r.FormValue("sid")] = r.FormValue("user")
}
`;
    const [finding, ...rest] = await findings(text);
    assert.equal(rest.length, 0);
    assert.equal(finding.rule, 'in-memory-session-map');
    assert.equal(finding.severity, 'information');
    assert.equal(finding.framework, 'net/http');
    assert.equal(finding.note, 'externalize-sessions-go#hand-rolled-session-maps');
    assert.deepEqual(finding.range, { start: { line: 9, character: 4 }, end: { line: 9, character: 12 } });
    assert.match(finding.message, /^The map `sessions` is declared at the top level of its file, .* It is written in login\(\), which runs while handling requests\./);
  });

  test('covers make(map), increments, sync.Map.Store and handler func literals', async () => {
    const text = `${header}
var (
	mu            sync.Mutex
	loginAttempts = make(map[string]int)
	clients       sync.Map
)

func main() {
	http.HandleFunc("/login", func(w http.ResponseWriter, r *http.Request) {
		loginAttempts[r.RemoteAddr]++
	})
	r := gin.Default()
	r.GET("/ws", func(c *gin.Context) { clients.Store(c.Query("id"), c) })
}
`;
    assert.deepEqual(await summary(text), ['11:in-memory-session-map', '12:in-memory-session-map']);
  });

  test('follows handlers into same-file helpers and receiver methods', async () => {
    const text = `${header}
var tokens = map[string]string{}

type Hub struct {
	conns map[string]*Conn
}

func issue(user string) string {
	tokens["t"] = user
	return "t"
}

func (h *Hub) register(id string, c *Conn) { h.conns[id] = c }

func (h *Hub) serve(c *gin.Context) {
	issue(c.Query("user"))
	h.register(c.Query("id"), nil)
}
`;
    const result = await findings(text);
    assert.deepEqual(result.map((finding) => `${finding.range.start.line}:${finding.framework}`), ['9:Gin', '12:Gin']);
    assert.match(result[0].message, /^The map `tokens` is declared at the top level .* It is written in issue\(\), which serve\(\) calls while handling requests\./);
    assert.match(result[1].message, /^The map `conns` is a field of Hub, created once per process, .* It is written in register\(\), which serve\(\) calls while handling requests\./);
  });

  test('maps inside package-level anonymous structs (mutex + map idiom)', async () => {
    const text = `${header}
var counter = struct {
	sync.RWMutex
	bySession map[string]int
}{bySession: make(map[string]int)}

func hit(w http.ResponseWriter, r *http.Request) {
	counter.Lock()
	counter.bySession[r.Header.Get("X-Session")]++
	counter.Unlock()
}
`;
    const [finding] = await findings(text);
    assert.equal(finding.range.start.line, 9);
    assert.match(finding.message, /`counter\.bySession`/);
  });

  test('method calls on shared values: package vars and values built outside the handler count, per-call values do not', async () => {
    const types = `${header}
type Store struct {
	sessions map[string]string
}

func (s *Store) Put(id, user string) { s.sessions[id] = user }
`;
    const packageVar = `${types}
var store = &Store{sessions: map[string]string{}}

func login(w http.ResponseWriter, r *http.Request) { store.Put("sid", r.FormValue("user")) }
`;
    assert.deepEqual(await summary(packageVar), ['10:in-memory-session-map']);
    const closure = `${types}
func main() {
	store := &Store{sessions: map[string]string{}}
	http.HandleFunc("/login", func(w http.ResponseWriter, r *http.Request) { store.Put("sid", "u") })
}
`;
    assert.deepEqual(await summary(closure), ['10:in-memory-session-map']);
    const perCall = `${types}
func login(w http.ResponseWriter, r *http.Request) {
	store := &Store{sessions: map[string]string{}}
	store.Put("sid", r.FormValue("user"))
}
`;
    assert.deepEqual(await summary(perCall), []);
  });

  test('stands down for read-only maps, local maps, shadowing, neutral names, caches and non-handlers', async () => {
    const text = `${header}
var templates = map[string]string{"login": "<form>"}
var sessions = map[string]string{}
var pageHits = map[string]int{}
var userCache = map[string]string{}
var users = map[string]int{}

func page(w http.ResponseWriter, r *http.Request) {
	_ = templates["login"]
	counts := map[string]int{}
	counts[r.URL.Path]++
	sessions := map[string]string{}
	sessions["sid"] = "x"
	pageHits[r.URL.Path]++
	userCache[r.URL.Path] = "x"
}

func record(name string) { users[name]++ }

func main() { record("cli") }
`;
    assert.deepEqual(await summary(text), []);
    // Without the shadowing local, the same write reaches the package-level map.
    assert.deepEqual(await summary(text.replace('\tsessions := map[string]string{}\n', '')), ['10:in-memory-session-map']);
  });

  test('stands down in test files', async () => {
    const text = `package main

import (
	"net/http"
	"testing"
)

var sessions = map[string]string{}

func fake(w http.ResponseWriter, r *http.Request) { sessions["a"] = "b" }

func TestFake(t *testing.T) {}
`;
    assert.deepEqual(await summary(text), []);
  });

  test('prefilter needs a map and a handler signature', () => {
    assert.equal(goSessionMapDetector.prefilter('package x\nvar m = map[string]int{}\n'), false);
    assert.equal(goSessionMapDetector.prefilter('var m = map[string]int{}\nfunc h(w http.ResponseWriter, r *http.Request) {}'), true);
  });
});
