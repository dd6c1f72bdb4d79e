// session-store-in-memory for ASP.NET Core: a file that calls `AddSession(...)` and `AddDistributedMemoryCache()` and
// registers no distributed cache (`AddStackExchangeRedisCache`, `AddDistributedSqlServerCache`, `AddCosmosCache`, ...,
// or a custom `IDistributedCache` singleton). ASP.NET Core session keeps its data in IDistributedCache, so the memory
// cache makes the sessions process-local. The finding sits on the AddDistributedMemoryCache() call — the line to
// change — rather than on AddSession. A distributed cache anywhere in the file (even in the other branch of an
// `IsDevelopment()` check) stands down, as does AddSession alone (the cache may be registered elsewhere).

import * as l10n from '@vscode/l10n';
import type { Detector, DetectorContext, Finding } from '../types';
import { collect, makeFinding } from '../syntax/tree';
import { CSHARP_SYNTAX, csInvocationTypeArguments, csInvokedNameNode } from '../syntax/csharpSyntax';
import type { Node } from '@vscode/tree-sitter-wasm';
import type { TextRange } from '../types';

/** Registrations of an out-of-process IDistributedCache (Microsoft and common community providers). */
const DISTRIBUTED_CACHE = /^Add\w*(Redis|SqlServer|Cosmos|Memcache|NCache|Postgre|MySql|Sqlite|Mongo|Dynamo|Couchbase|Garnet|Valkey|Oracle|Cassandra)\w*Cache$/;
const REGISTRATIONS = new Set(['AddSingleton', 'TryAddSingleton', 'AddScoped', 'AddTransient', 'Replace']);

/** ASP.NET Core session backed only by AddDistributedMemoryCache (rule session-store-in-memory). */
export const csharpSessionStoreDetector: Detector = {
  id: 'csharp-session-store',
  languages: ['csharp'],
  prefilter(text: string): boolean {
    return text.includes('AddSession') && text.includes('AddDistributedMemoryCache');
  },
  detect(context: DetectorContext): Finding[] {
    if (CSHARP_SYNTAX.isTestSource(context.root)) {
      return [];
    }
    let session: Node | undefined;
    let memoryCache: Node | undefined;
    for (const invocation of collect(context.root, ['invocation_expression'])) {
      const name = CSHARP_SYNTAX.invokedName(invocation) ?? '';
      if (DISTRIBUTED_CACHE.test(name) && !/OutputCache$/.test(name)) {
        return [];
      }
      if (REGISTRATIONS.has(name) && csInvocationTypeArguments(invocation).includes('IDistributedCache')) {
        return [];
      }
      if (name === 'AddSession') {
        session ??= invocation;
      } else if (name === 'AddDistributedMemoryCache') {
        memoryCache ??= invocation;
      }
    }
    if (!session || !memoryCache) {
      return [];
    }
    return [makeFinding('session-store-in-memory', callRange(memoryCache), {
      message: l10n.t("AddDistributedMemoryCache() is the only IDistributedCache behind AddSession(), so ASP.NET Core sessions live in this process's memory: they are lost on restart and need sticky routing once there is more than one instance."),
      note: 'externalize-sessions-dotnet#aspnet-core-session',
      framework: 'ASP.NET Core session',
    })];
  },
};

/** From the method name to the end of the call, so a fluent chain's finding starts on the method's own line. */
function callRange(invocation: Node): TextRange {
  const start = csInvokedNameNode(invocation).startPosition;
  const end = invocation.endPosition;
  return { start: { line: start.row, character: start.column }, end: { line: end.row, character: end.column } };
}
