// Where a file runs, read from the conventions frameworks use to mark it: the path (`server/`, `api/`,
// `*.server.ts`, SvelteKit's `+page.server.ts`, Next.js `app/**/route.ts`), directives (`"use server"`,
// `"use client"`) and browser-only globals. Shared by the state-holder detectors of every language, so that a
// helper module in a server folder counts as server code even when it imports no web framework.

/** `server`: runs in a server process; `client`: runs in a browser or a browser extension; `unknown`: cannot tell. */
export type FileRole = 'server' | 'client' | 'unknown';

const SERVER_SEGMENTS = new Set([
  'server', 'servers', 'backend', 'api', 'apis', 'routes', 'route', 'controllers', 'controller', 'services', 'service',
  'middleware', 'middlewares', 'handlers', 'handler', 'socket', 'sockets', 'ws', 'websocket', 'websockets', 'realtime',
  'gateway', 'gateways', 'hubs', 'hub', 'servlet', 'servlets', 'endpoints', 'endpoint', 'session', 'sessions', 'auth',
  'functions', 'lambda', 'serverless', 'worker-server', 'bot', 'bots',
]);
const CLIENT_SEGMENTS = new Set([
  'client', 'clients', 'frontend', 'front-end', 'web-client', 'ui', 'components', 'component', 'hooks', 'public', 'static',
  'assets', 'www', 'extension', 'popup', 'content-scripts', 'browser', 'renderer', 'android', 'ios', 'mobile', 'app-ui',
]);
/** `*.server.ts`, `+page.server.ts`, `+server.ts` (SvelteKit), `*.server.js` (Remix). */
const SERVER_FILE = /(^|[./+])server\.[cm]?[jt]sx?$/i;
/** Next.js App Router route handlers and Pages Router API routes. */
const NEXT_ROUTE = /(^|\/)(app\/(.+\/)?route\.[cm]?[jt]s|pages\/api\/.+\.[cm]?[jt]sx?)$/i;
const BROWSER_GLOBALS = /\b(document\.(getElementById|querySelector|createElement|body|addEventListener)|window\.(location|addEventListener|localStorage)|localStorage\.|navigator\.|chrome\.(runtime|tabs|storage)|browser\.(runtime|tabs|storage))/;

/** The role of a file from its path (workspace-relative, any separator) and text. */
export function fileRole(fileName: string | undefined, text: string): FileRole {
  const head = text.slice(0, 400);
  if (/^\s*(\/\/[^\n]*\n\s*|\/\*[\s\S]*?\*\/\s*)*['"]use client['"]/.test(head)) {
    return 'client';
  }
  if (BROWSER_GLOBALS.test(text)) {
    return 'client';
  }
  if (/^\s*(\/\/[^\n]*\n\s*|\/\*[\s\S]*?\*\/\s*)*['"]use server['"]/.test(head)) {
    return 'server';
  }
  if (fileName === undefined) {
    return 'unknown';
  }
  const normalized = fileName.replace(/\\/g, '/');
  if (SERVER_FILE.test(normalized) || NEXT_ROUTE.test(normalized)) {
    return 'server';
  }
  const segments = normalized.toLowerCase().split('/').slice(0, -1);
  // A browser-side folder anywhere wins: `frontend/src/api/x.js` is an API client, `server/public/x.js` is served
  // to browsers.
  if (segments.some((segment) => CLIENT_SEGMENTS.has(segment))) {
    return 'client';
  }
  return segments.some((segment) => SERVER_SEGMENTS.has(segment)) ? 'server' : 'unknown';
}
