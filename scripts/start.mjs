// `npm start`: build, then open Statecraft in a real VS Code on the sample workspace. With the desktop `code` CLI
// on PATH it uses --extensionDevelopmentPath; otherwise it provisions code-server on 127.0.0.1 and loads the
// extension from this folder in development mode (through the workbench URL payload, as the integration tier does),
// printing the URL to open.
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { ensureCodeServer, makeProfile, repoRoot, startCodeServer } from './lib/codeServer.mjs';

execFileSync(process.execPath, [path.join(repoRoot, 'scripts/build.mjs')], { stdio: 'inherit' });
// The sample workspace is copied once into a stable folder, so decision records and edits survive restarts
// without dirtying the repository.
const workspace = path.join(os.homedir(), '.statecraft-sample-workspace');
if (!fs.existsSync(workspace)) fs.cpSync(path.join(repoRoot, 'sample-workspace'), workspace, { recursive: true });

const hasDesktopCode = spawnSync('code', ['--version'], { stdio: 'ignore' }).status === 0 && !process.env.STATECRAFT_USE_CODE_SERVER;
if (hasDesktopCode) {
  console.log(`Opening VS Code with Statecraft in development mode on ${workspace}`);
  spawn('code', ['--extensionDevelopmentPath', repoRoot, workspace], { stdio: 'inherit', detached: true }).unref();
  process.exit(0);
}

ensureCodeServer();
const port = Number(process.env.STATECRAFT_PORT ?? 8080);
const profile = makeProfile('start');
const server = await startCodeServer(profile, workspace, { stdio: 'inherit', port: await findPort(port) });
// code-server only honours the development payload when the smoke-test driver is on; a small loopback proxy turns
// it on in the page settings, exactly as the integration tier does with playwright's route.
const proxyPort = await findPort(server.port + 1);
const proxy = http.createServer((request, response) => {
  const isPage = request.url === '/' || request.url?.startsWith('/?');
  // The page is rewritten below, so ask for it uncompressed.
  const headers = isPage ? Object.fromEntries(Object.entries(request.headers).filter(([key]) => key !== 'accept-encoding')) : request.headers;
  const upstream = http.request({ host: '127.0.0.1', port: server.port, path: request.url, method: request.method, headers }, (answer) => {
    if (!isPage) {
      response.writeHead(answer.statusCode ?? 502, answer.headers);
      answer.pipe(response);
      return;
    }
    const chunks = [];
    answer.on('data', (chunk) => chunks.push(chunk));
    answer.on('end', () => {
      const body = Buffer.concat(chunks).toString('utf8').replace('&quot;developmentOptions&quot;:{', '&quot;developmentOptions&quot;:{&quot;enableSmokeTestDriver&quot;:true,');
      const headers = { ...answer.headers };
      delete headers['content-length'];
      delete headers['content-encoding'];
      response.writeHead(answer.statusCode ?? 200, headers);
      response.end(body);
    });
  });
  request.pipe(upstream);
  upstream.on('error', () => response.destroy());
});
proxy.on('upgrade', (request, socket, head) => {
  const upstream = http.request({ host: '127.0.0.1', port: server.port, path: request.url, method: request.method, headers: request.headers });
  upstream.on('upgrade', (answer, upstreamSocket, upstreamHead) => {
    socket.write(`HTTP/1.1 101 Switching Protocols\r\n${Object.entries(answer.headers).map(([k, v]) => `${k}: ${v}`).join('\r\n')}\r\n\r\n`);
    if (upstreamHead.length) socket.write(upstreamHead);
    if (head.length) upstreamSocket.write(head);
    upstreamSocket.pipe(socket).pipe(upstreamSocket);
  });
  upstream.on('error', () => socket.destroy());
  upstream.end();
});
proxy.listen(proxyPort, '127.0.0.1');
const payload = encodeURIComponent(JSON.stringify([['extensionDevelopmentPath', `vscode-remote://remote${repoRoot}`]]));
console.log('\nStatecraft is running in code-server (VS Code in the browser), loaded from this folder in development mode.');
console.log(`Open: http://127.0.0.1:${proxyPort}/?folder=${encodeURIComponent(workspace)}&payload=${payload}`);
console.log('Press Ctrl+C to stop.\n');
const stop = () => {
  server.stop();
  proxy.close();
  process.exit(0);
};
process.on('SIGINT', stop);
process.on('SIGTERM', stop);

function findPort(preferred) {
  return new Promise((resolve) => {
    const probe = http.createServer();
    probe.once('error', () => resolve(findPort(preferred + 1)));
    probe.listen(preferred, '127.0.0.1', () => probe.close(() => resolve(preferred)));
  });
}
