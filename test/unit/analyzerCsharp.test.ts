// C# detectors: ASP.NET Core session over AddDistributedMemoryCache (csharpSessionStoreDetector) and hand-rolled
// session dictionaries in controllers, hubs, singletons and minimal APIs (csharpSessionMapDetector).
import { describe, test, after } from 'node:test';
import assert from 'node:assert/strict';
import { createAnalyzer } from '../../src/core/analyzer/analyzer';
import { csharpSessionStoreDetector } from '../../src/core/analyzer/detectors/csharpSessionStoreDetector';
import { csharpSessionMapDetector } from '../../src/core/analyzer/detectors/csharpSessionMapDetector';
import type { Finding } from '../../src/core/analyzer/types';
import { nodeWasmLoader } from './analyzerHelpers';

const analyzer = createAnalyzer(nodeWasmLoader, { detectors: [csharpSessionStoreDetector, csharpSessionMapDetector] });
after(() => analyzer.dispose());

async function findings(text: string): Promise<readonly Finding[]> {
  const result = await analyzer.analyze(text, 'csharp');
  assert.equal(result.skipped, undefined);
  return result.findings;
}

async function summary(text: string): Promise<string[]> {
  return (await findings(text)).map((finding) => `${finding.range.start.line}:${finding.rule}`);
}

describe('csharpSessionStoreDetector', () => {
  test('flags AddDistributedMemoryCache when AddSession relies on it, from the method name', async () => {
    const text = `var builder = WebApplication.CreateBuilder(args);
builder.Services
    .AddDistributedMemoryCache()
    .AddSession(o => o.IdleTimeout = TimeSpan.FromMinutes(5));
`;
    const [finding, ...rest] = await findings(text);
    assert.equal(rest.length, 0);
    assert.equal(finding.rule, 'session-store-in-memory');
    assert.equal(finding.severity, 'warning');
    assert.equal(finding.note, 'externalize-sessions-dotnet#aspnet-core-session');
    assert.equal(finding.framework, 'ASP.NET Core session');
    assert.deepEqual(finding.range, { start: { line: 2, character: 5 }, end: { line: 2, character: 32 } });
  });

  test('stands down when any distributed cache or custom IDistributedCache is registered in the file', async () => {
    const base = `services.AddDistributedMemoryCache();
services.AddSession();
`;
    assert.deepEqual(await summary(base), ['0:session-store-in-memory']);
    for (const extra of [
      'services.AddStackExchangeRedisCache(o => o.Configuration = "redis");',
      'services.AddDistributedSqlServerCache(o => {});',
      'services.AddDistributedRedisCache(o => {});',
      'services.AddCosmosCache(o => {});',
      'services.AddSingleton<IDistributedCache, MyCache>();',
    ]) {
      assert.deepEqual(await summary(`${base}if (prod) { ${extra} }\n`), [], extra);
    }
  });

  test('stands down for AddSession alone, the memory cache alone, an output cache, and mentions in comments', async () => {
    assert.deepEqual(await summary('services.AddSession();\n'), []);
    assert.deepEqual(await summary('services.AddDistributedMemoryCache();\n// services.AddSession();\n'), []);
    assert.deepEqual(await summary('services.AddDistributedMemoryCache();\nservices.AddSession();\nservices.AddStackExchangeRedisOutputCache(o => {});\n'), ['0:session-store-in-memory']);
  });
});

describe('csharpSessionMapDetector', () => {
  test('flags a static dictionary of a SignalR hub written in OnConnectedAsync, with the #signalr note', async () => {
    const text = `using Microsoft.AspNetCore.SignalR;
public class PresenceHub : Hub
{
    private static readonly ConcurrentDictionary<string, string> Online = new();
    public override Task OnConnectedAsync()
    {
        Online[Context.ConnectionId] = Context.UserIdentifier;
        return base.OnConnectedAsync();
    }
}
`;
    const [finding, ...rest] = await findings(text);
    assert.equal(rest.length, 0);
    assert.equal(finding.rule, 'in-memory-session-map');
    assert.equal(finding.severity, 'information');
    assert.equal(finding.note, 'externalize-sessions-dotnet#signalr');
    assert.equal(finding.framework, 'SignalR');
    assert.deepEqual(finding.range, { start: { line: 3, character: 65 }, end: { line: 3, character: 71 } });
    assert.match(finding.message, /^The ConcurrentDictionary `Online` is a static member of PresenceHub, .* It is written in OnConnectedAsync\(\), which runs while handling requests\./);
  });

  test('controllers: static dictionaries written in actions flagged; instance fields and static read-only tables not', async () => {
    const text = `[ApiController]
public class LoginController : ControllerBase
{
    private static Dictionary<string, int> userLogins = new();
    private readonly Dictionary<string, string> _sessionErrors = new();
    private static readonly Dictionary<string, string> UserRoles = new() { ["a"] = "admin" };

    [HttpPost]
    public IActionResult Post(string user)
    {
        Count(user);
        _sessionErrors["x"] = "y";
        return Ok(UserRoles["a"]);
    }

    private void Count(string user) => userLogins[user] = userLogins.GetValueOrDefault(user) + 1;
}
`;
    const [finding, ...rest] = await findings(text);
    assert.equal(rest.length, 0);
    assert.equal(finding.range.start.line, 3);
    assert.equal(finding.note, 'externalize-sessions-dotnet#hand-rolled-session-maps');
    assert.equal(finding.framework, 'ASP.NET Core MVC');
    assert.match(finding.message, /written in Count\(\)/);
  });

  test('Add/TryAdd/AddOrUpdate/GetOrAdd and ++ count as writes; a neutral name needs a session-like key', async () => {
    const text = `public class StatsController : Controller
{
    private static ConcurrentDictionary<string, int> Counters = new();
    private static ConcurrentDictionary<string, int> Hits = new();
    public IActionResult Index()
    {
        Counters.AddOrUpdate(HttpContext.Session.Id, 1, (_, n) => n + 1);
        Hits[Request.Path]++;
        return View();
    }
}
`;
    assert.deepEqual(await summary(text), ['2:in-memory-session-map']);
  });

  test('shadowing locals and cache-named fields stand down; this.Field still counts', async () => {
    const text = `public class AController : ControllerBase
{
    private static Dictionary<string, string> Sessions = new();
    private static Dictionary<string, string> UserCache = new();
    [HttpPost]
    public void A(string sid)
    {
        var Sessions = new Dictionary<string, string>();
        Sessions.Add(sid, "x");
        UserCache[sid] = "x";
    }
}
`;
    assert.deepEqual(await summary(text), []);
  });

  test('singletons registered in the same file: instance dictionaries written in any method', async () => {
    const text = `public class ConnectionRegistry
{
    private readonly Dictionary<string, string> _connections = new();
    public void Add(string id, string user) { _connections.TryAdd(id, user); }
}
public static class Setup
{
    public static void Register(IServiceCollection services) => services.AddSingleton<ConnectionRegistry>();
}
`;
    assert.deepEqual(await summary(text), ['2:in-memory-session-map']);
    assert.deepEqual(await summary(text.replace('services.AddSingleton<ConnectionRegistry>()', 'services.AddScoped<ConnectionRegistry>()')), []);
  });

  test('a same-file class held in a hub\'s static field and called from hub methods (ConnectionMapping)', async () => {
    const text = `public class UserConnections
{
    private readonly Dictionary<string, string> _byUser = new();
    private readonly Dictionary<string, string> _labels = new();
    public void Add(string user, string id) { lock (_byUser) { _byUser[user] = id; } }
    public void Label(string user) { _labels[user] = "x"; }
}
public class ChatHub : Hub
{
    private static readonly UserConnections Connections = new();
    public override Task OnConnectedAsync()
    {
        Connections.Add(Context.UserIdentifier!, Context.ConnectionId);
        return base.OnConnectedAsync();
    }
}
`;
    const [finding, ...rest] = await findings(text);
    assert.equal(rest.length, 0, '_labels is written only by a method the hub never calls');
    assert.equal(finding.range.start.line, 2);
    assert.equal(finding.note, 'externalize-sessions-dotnet#signalr');
    assert.match(finding.message, /`_byUser` is a field of UserConnections, whose instance ChatHub keeps in its field `Connections`, .* It is written in Add\(\)/);
    assert.deepEqual(await summary(text.replace('private static readonly UserConnections', 'private readonly UserConnections')), []);
  });

  test('Razor Pages page models are handled like controllers', async () => {
    const text = `public class CartModel : PageModel
{
    private static readonly Dictionary<string, string> Carts = new();
    public void OnPost(string sku) { Carts[User.Identity!.Name!] = sku; }
}
`;
    const [finding] = await findings(text);
    assert.equal(finding.range.start.line, 2);
    assert.equal(finding.framework, 'ASP.NET Core Razor Pages');
  });

  test('minimal APIs: a top-level dictionary written in a Map* lambda or local function', async () => {
    const text = `var app = WebApplication.Create(args);
var sessions = new Dictionary<string, string>();
var labels = new Dictionary<string, string>();
app.MapPost("/login", (string user) => { sessions[Guid.NewGuid().ToString()] = user; });
app.MapGet("/x", Handler);
app.Run();

IResult Handler(string key) { labels[key] = "x"; return Results.Ok(); }
`;
    const result = await findings(text);
    assert.deepEqual(result.map((finding) => `${finding.range.start.line}:${finding.framework}`), ['1:ASP.NET Core minimal API']);
    assert.deepEqual(await summary(text.replace('labels', 'userLabels').replace('labels[key]', 'userLabels[key]')), ['1:in-memory-session-map', '2:in-memory-session-map']);
  });

  test('plain classes and test sources stand down', async () => {
    const plain = `public class Tracker
{
    private static Dictionary<string, string> Sessions = new();
    public void Track(string sid) { Sessions[sid] = "x"; }
}
`;
    assert.deepEqual(await summary(plain), []);
    const testSource = `using Xunit;
public class SessionsController : ControllerBase
{
    private static Dictionary<string, string> Sessions = new();
    [Fact]
    public void Login() { Sessions["sid"] = "x"; }
}
`;
    assert.deepEqual(await summary(testSource), []);
    assert.deepEqual(await summary(testSource.replace('using Xunit;\n', '').replace('    [Fact]\n', '')), ['2:in-memory-session-map']);
  });
});
