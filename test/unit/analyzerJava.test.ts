// Java detectors: hand-rolled session maps (javaSessionMapDetector) and container HttpSession without Spring Session
// (javaHttpSessionDetector), run through the engine with only these detectors registered.
import { describe, test, after } from 'node:test';
import assert from 'node:assert/strict';
import { createAnalyzer } from '../../src/core/analyzer/analyzer';
import { javaSessionMapDetector } from '../../src/core/analyzer/detectors/javaSessionMapDetector';
import { javaHttpSessionDetector } from '../../src/core/analyzer/detectors/javaHttpSessionDetector';
import type { Finding } from '../../src/core/analyzer/types';
import { nodeWasmLoader } from './analyzerHelpers';

const analyzer = createAnalyzer(nodeWasmLoader, { detectors: [javaSessionMapDetector, javaHttpSessionDetector] });
after(() => analyzer.dispose());

async function findings(text: string): Promise<readonly Finding[]> {
  const result = await analyzer.analyze(text, 'java');
  assert.equal(result.skipped, undefined);
  return result.findings;
}

/** "line:rule" for each finding, 0-based lines, for compact exact comparisons. */
async function summary(text: string): Promise<string[]> {
  return (await findings(text)).map((finding) => `${finding.range.start.line}:${finding.rule}`);
}

/** The 0-based line of the first line containing `needle`. */
function lineOf(text: string, needle: string): number {
  const line = text.split('\n').findIndex((candidate) => candidate.includes(needle));
  assert.ok(line >= 0, `fixture lacks ${needle}`);
  return line;
}

const controller = (body: string, imports = ''): string => `package app;
import java.util.*;
import java.util.concurrent.*;
import org.springframework.web.bind.annotation.*;
${imports}
@RestController
public class AuthController {
${body}
}
`;

describe('javaSessionMapDetector', () => {
  test('flags a static map written in a @PostMapping handler, at the field, with note and framework', async () => {
    const text = controller(`
  private static final Map<String, String> SESSIONS = new ConcurrentHashMap<>();

  @PostMapping("/login")
  public String login(@RequestParam String user) {
    String sid = UUID.randomUUID().toString();
    SESSIONS.put(sid, user);
    return sid;
  }`);
    const [finding, ...rest] = await findings(text);
    assert.equal(rest.length, 0);
    assert.equal(finding.rule, 'in-memory-session-map');
    assert.equal(finding.severity, 'information');
    assert.equal(finding.note, 'externalize-sessions-java#hand-rolled-session-maps');
    assert.equal(finding.framework, 'Spring');
    assert.equal(finding.title, 'In-memory session state: lost on restart, needs sticky routing');
    const line = lineOf(text, 'SESSIONS = new');
    assert.deepEqual(finding.range, {
      start: { line, character: text.split('\n')[line].indexOf('SESSIONS') },
      end: { line, character: text.split('\n')[line].indexOf('SESSIONS') + 'SESSIONS'.length },
    });
    assert.match(finding.message, /^The Map `SESSIONS` is a static member of AuthController, .* It is written in login\(\), which runs while handling requests\./);
  });

  test('flags an instance map of a singleton controller (this.field.computeIfAbsent)', async () => {
    const text = controller(`
  private final Map<String, List<String>> carts = new HashMap<>();

  @PutMapping("/cart/{id}")
  public void add(@PathVariable String id, @RequestBody String sku) {
    this.carts.computeIfAbsent(id, k -> new ArrayList<>()).add(sku);
  }`);
    assert.deepEqual(await summary(text), [`${lineOf(text, 'carts = new')}:in-memory-session-map`]);
  });

  test('a map with a neutral name counts when the key written is session-like', async () => {
    const text = controller(`
  private static final Map<String, Object> store = new ConcurrentHashMap<>();

  @PostMapping("/x")
  public void x(jakarta.servlet.http.HttpServletRequest request) {
    store.merge(request.getSession().getId(), 1, (a, b) -> b);
  }`);
    assert.deepEqual(await summary(text), [`${lineOf(text, 'store = new')}:in-memory-session-map`]);
  });

  test('stands down for a neutral name and key, and for cache-named maps', async () => {
    const text = controller(`
  private static final Map<String, Integer> hits = new ConcurrentHashMap<>();
  private static final Map<String, String> userCache = new ConcurrentHashMap<>();

  @GetMapping("/p/{sku}")
  public int p(@PathVariable String sku) {
    hits.merge(sku, 1, Integer::sum);
    userCache.put(sku, sku);
    return hits.get(sku);
  }`);
    assert.deepEqual(await summary(text), []);
  });

  test('stands down for immutable tables, maps filled only in initialisers and function-local maps', async () => {
    const text = controller(`
  private static final Map<String, String> USER_ROLES = Map.of("a", "admin");
  private static final Map<String, String> SESSION_DEFAULTS = new HashMap<>();
  static {
    SESSION_DEFAULTS.put("theme", "light");
  }
  public AuthController() {
    SESSION_DEFAULTS.put("lang", "en");
  }

  @PostMapping("/login")
  public Map<String, String> login(@RequestParam String user) {
    Map<String, String> sessions = new HashMap<>();
    sessions.put("user", user);
    return sessions;
  }`);
    assert.deepEqual(await summary(text), []);
  });

  test('a local with the field\'s name shadows it, but this.field still counts', async () => {
    const shadowed = controller(`
  private static final Map<String, String> sessions = new ConcurrentHashMap<>();
  @PostMapping("/a")
  public void a(@RequestParam String sid) {
    Map<String, String> sessions = new HashMap<>();
    sessions.put(sid, "x");
  }`);
    assert.deepEqual(await summary(shadowed), []);
    const qualified = controller(`
  private final Map<String, String> sessions = new ConcurrentHashMap<>();
  @PostMapping("/a")
  public void a(@RequestParam String sid) {
    Map<String, String> sessions = new HashMap<>();
    this.sessions.put(sid, "x");
  }`);
    assert.deepEqual(await summary(qualified), [`${lineOf(qualified, 'sessions = new Concurrent')}:in-memory-session-map`]);
  });

  test('follows a handler into a private helper of the same class', async () => {
    const text = `import java.util.*;
public class TokenServlet extends jakarta.servlet.http.HttpServlet {
  private final Map<String, String> tokens = new HashMap<>();
  @Override
  protected void doPost(HttpServletRequest req, HttpServletResponse resp) {
    remember(req.getParameter("user"));
  }
  private void remember(String user) {
    tokens.put(UUID.randomUUID().toString(), user);
  }
}
`;
    const [finding] = await findings(text);
    assert.equal(finding.range.start.line, 2);
    assert.equal(finding.framework, 'Servlet');
    assert.match(finding.message, /written in remember\(\)/);
  });

  test('Jakarta @ServerEndpoint: static registry flagged, per-connection instance map not', async () => {
    const text = `import java.util.*;
import jakarta.websocket.*;
@ServerEndpoint("/ws")
public class Chat {
  private static final Map<String, Session> clients = new HashMap<>();
  private final Map<String, String> userState = new HashMap<>();
  @OnOpen
  public void open(Session session) {
    clients.put(session.getId(), session);
    userState.put("user", session.getId());
  }
}
`;
    const result = await findings(text);
    assert.deepEqual(result.map((finding) => `${finding.range.start.line}:${finding.framework}`), ['4:Jakarta WebSocket']);
  });

  test('@Service methods count as handlers; lifecycle methods and non-singleton classes do not', async () => {
    const service = `import java.util.*;
@org.springframework.stereotype.Service
public class LoginAttemptService {
  private final Map<String, Integer> loginAttempts = new HashMap<>();
  private final Map<String, String> accountNames = new HashMap<>();
  public void failed(String ip) {
    loginAttempts.merge(ip, 1, Integer::sum);
  }
  @jakarta.annotation.PostConstruct
  void load() {
    accountNames.put("root", "Administrator");
  }
}
`;
    assert.deepEqual(await summary(service), ['3:in-memory-session-map']);
    const plain = service.replace('@org.springframework.stereotype.Service\n', '');
    assert.deepEqual(await summary(plain), []);
  });

  test('stands down in test sources even when they declare handler-shaped methods', async () => {
    const text = controller(`
  private static final Map<String, String> sessions = new HashMap<>();
  @org.junit.jupiter.api.Test
  @PostMapping("/t")
  void t() { sessions.put("sid", "u"); }`);
    assert.deepEqual(await summary(text), []);
  });

  test('prefilter skips files without a map or a handler token', () => {
    assert.equal(javaSessionMapDetector.prefilter('class A { void f() { list.add(1); } }'), false);
    assert.equal(javaSessionMapDetector.prefilter('class A { Map<String, String> m; @PostMapping void f() {} }'), true);
  });
});

describe('javaHttpSessionDetector', () => {
  test('flags session.setAttribute in a servlet with severity information', async () => {
    const text = `import jakarta.servlet.http.*;
public class Login extends HttpServlet {
  protected void doPost(HttpServletRequest req, HttpServletResponse resp) {
    HttpSession session = req.getSession(true);
    session.setAttribute("user", req.getParameter("user"));
    session.setAttribute("time", System.currentTimeMillis());
  }
}
`;
    const [finding, ...rest] = await findings(text);
    assert.equal(rest.length, 0, 'one finding per class');
    assert.equal(finding.rule, 'session-store-in-memory');
    assert.equal(finding.severity, 'information');
    assert.equal(finding.range.start.line, 4);
    assert.equal(finding.note, 'externalize-sessions-java#tomcat-and-plain-servlets');
    assert.equal(finding.framework, 'Servlet HttpSession');
  });

  test('flags request.getSession().setAttribute and HttpSession parameters in a @Controller', async () => {
    const chained = `@org.springframework.stereotype.Controller
public class Theme {
  @PostMapping("/t")
  public String t(HttpServletRequest request) {
    request.getSession().setAttribute("theme", "dark");
    return "ok";
  }
}
`;
    assert.deepEqual(await summary(chained), ['4:session-store-in-memory']);
    const parameter = `@Controller
public class Theme {
  @PostMapping("/t")
  public String t(HttpSession httpSession, String theme) {
    httpSession.setAttribute("theme", theme);
    return "ok";
  }
}
`;
    const [finding] = await findings(parameter);
    assert.equal(finding.range.start.line, 4);
    assert.equal(finding.framework, 'Spring MVC HttpSession');
  });

  test('flags @SessionAttributes on a controller at the annotation', async () => {
    const text = `@Controller
@SessionAttributes({"cart", "checkout"})
public class Checkout {
  @GetMapping("/c") public String c() { return "c"; }
}
`;
    const [finding] = await findings(text);
    assert.equal(finding.range.start.line, 1);
    assert.equal(finding.framework, 'Spring MVC @SessionAttributes');
  });

  test('stands down when the file shows Spring Session', async () => {
    const body = `@Controller
public class Theme {
  @PostMapping("/t")
  public String t(HttpSession session) { session.setAttribute("theme", "dark"); return "ok"; }
}
`;
    assert.deepEqual(await summary(`import org.springframework.session.data.redis.config.annotation.web.http.EnableRedisHttpSession;\n${body}`), []);
    assert.deepEqual(await summary(`@EnableJdbcHttpSession\n${body}`), []);
    assert.deepEqual(await summary(body), ['3:session-store-in-memory']);
  });

  test('ignores request and application scope, non-controllers and comments', async () => {
    const text = `@RestController
public class Scopes {
  // session.setAttribute("user", u) used to live here
  @GetMapping("/s")
  public String s(HttpServletRequest request, ServletContext context) {
    request.setAttribute("user", "u");
    context.setAttribute("users", 1);
    return "s";
  }
}
class Helper {
  void h(HttpSession session) { session.setAttribute("user", "u"); }
}
`;
    assert.deepEqual(await summary(text), []);
  });
});
