// Provisions and runs code-server (VS Code in the browser) for the integration tier, the E2E tier,
// `npm start` and the bench. VS Code desktop cannot be downloaded on our CI machines, so code-server is the
// real VS Code we test against (README, "Test tiers"); each step below says why it is there.
import { spawn, execFileSync } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
export const CODE_SERVER_VERSION = '4.139.1';
const NODE_FOR_CODE_SERVER = '24';
const cacheRoot = path.join(repoRoot, '.vscode-test');
const toolsDir = path.join(cacheRoot, `code-server-${CODE_SERVER_VERSION}`);
const readyMarker = path.join(toolsDir, '.ready');

/**
 * The environment for the tools install: node@24 first on PATH, and none of the parent npm's `npm_*` variables.
 * Under `npm test` those are inherited, and npm reads `npm_config_*` as its own config: code-server's postinstall
 * then sees the parent's `npm_config_user_agent` ("node/v20") and refuses to install.
 */
function toolsInstallEnv(nodeBin) {
  const env = Object.fromEntries(Object.entries(process.env).filter(([key]) => !/^npm_/i.test(key)));
  env.PATH = `${nodeBin}${path.delimiter}${process.env.PATH}`;
  return env;
}

function log(message) {
  process.stderr.write(`[code-server] ${message}\n`);
}

/** Installs node@24 and code-server into an ignored cache folder once; later calls reuse it. */
export function ensureCodeServer() {
  const nodeBin = path.join(toolsDir, 'node_modules', 'node', 'bin');
  const codeServerBin = path.join(toolsDir, 'node_modules', '.bin', 'code-server');
  if (fs.existsSync(readyMarker) && fs.existsSync(codeServerBin) && fs.existsSync(path.join(nodeBin, 'node'))) {
    return { codeServerBin, nodeBin };
  }
  // An interrupted install leaves broken .bin links, so always start from an empty folder.
  fs.rmSync(toolsDir, { recursive: true, force: true });
  fs.mkdirSync(toolsDir, { recursive: true });
  fs.writeFileSync(path.join(toolsDir, 'package.json'), JSON.stringify({ name: 'statecraft-vscode-tools', private: true }, null, 2));
  // Saved (not --no-save): a later install in the same folder would otherwise prune the earlier package.
  const npmArgs = ['install', '--no-audit', '--no-fund', '--loglevel=error'];
  log(`installing node@${NODE_FOR_CODE_SERVER} (code-server ${CODE_SERVER_VERSION} requires it)…`);
  execFileSync('npm', [...npmArgs, `node@${NODE_FOR_CODE_SERVER}`], { cwd: toolsDir, stdio: 'inherit', env: toolsInstallEnv(nodeBin) });
  log(`installing code-server@${CODE_SERVER_VERSION} (about 600 MB, a minute or two)…`);
  // code-server builds native modules in its install scripts; npm 11 blocks dependency scripts unless allowed.
  execFileSync('npm', [...npmArgs, '--dangerously-allow-all-scripts', `code-server@${CODE_SERVER_VERSION}`], {
    cwd: toolsDir,
    stdio: 'inherit',
    env: toolsInstallEnv(nodeBin),
  });
  const version = execFileSync(codeServerBin, ['--version'], { env: toolsInstallEnv(nodeBin) }).toString();
  if (!version.includes(CODE_SERVER_VERSION)) {
    throw new Error(`code-server reports an unexpected version: ${version}`);
  }
  fs.writeFileSync(readyMarker, version);
  return { codeServerBin, nodeBin };
}

export function freePort() {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

/** A fresh user-data and extensions folder per run, with settings that keep the workbench quiet and fast. */
export function makeProfile(name, { userSettings = {} } = {}) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), `statecraft-${name}-`));
  const userDataDir = path.join(dir, 'user-data');
  const extensionsDir = path.join(dir, 'extensions');
  fs.mkdirSync(path.join(userDataDir, 'User'), { recursive: true });
  fs.mkdirSync(extensionsDir, { recursive: true });
  const settings = {
    'chat.disableAIFeatures': true,
    'workbench.startupEditor': 'none',
    'workbench.tips.enabled': false,
    'telemetry.telemetryLevel': 'off',
    'extensions.autoUpdate': false,
    'extensions.autoCheckUpdates': false,
    'update.mode': 'none',
    'security.workspace.trust.enabled': false,
    'workbench.colorTheme': 'Default Light Modern',
    'workbench.secondarySideBar.defaultVisibility': 'hidden',
    'workbench.welcomePage.walkthroughs.openOnInstall': false,
    ...userSettings,
  };
  fs.writeFileSync(path.join(userDataDir, 'User', 'settings.json'), JSON.stringify(settings, null, 2));
  return { dir, userDataDir, extensionsDir };
}

function codeServerEnv(nodeBin) {
  return { ...process.env, PATH: `${nodeBin}${path.delimiter}${process.env.PATH}` };
}

export function installVsix(vsixPath, profile) {
  const { codeServerBin, nodeBin } = ensureCodeServer();
  execFileSync(codeServerBin, ['--extensions-dir', profile.extensionsDir, '--user-data-dir', profile.userDataDir, '--install-extension', vsixPath], {
    env: codeServerEnv(nodeBin),
    stdio: ['ignore', 'pipe', 'pipe'],
  });
}

/** Starts code-server on loopback and resolves once it answers HTTP. */
export async function startCodeServer(profile, workspace, { port, logFile, stdio, extraArgs = [] } = {}) {
  const { codeServerBin, nodeBin } = ensureCodeServer();
  const chosenPort = port ?? (await freePort());
  const args = [
    '--auth', 'none',
    '--bind-addr', `127.0.0.1:${chosenPort}`,
    '--disable-telemetry',
    '--disable-update-check',
    '--disable-workspace-trust',
    '--user-data-dir', profile.userDataDir,
    '--extensions-dir', profile.extensionsDir,
    ...extraArgs,
    workspace,
  ];
  const out = logFile ? fs.openSync(logFile, 'a') : 'ignore';
  const child = spawn(codeServerBin, args, {
    env: codeServerEnv(nodeBin),
    stdio: stdio ?? ['ignore', out, out],
    detached: process.platform !== 'win32',
  });
  const url = `http://127.0.0.1:${chosenPort}`;
  const deadline = Date.now() + 60_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`code-server exited early with code ${child.exitCode}; see ${logFile ?? 'its output'}`);
    try {
      const response = await fetch(`${url}/healthz`);
      if (response.ok) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) {
      stopProcess(child);
      throw new Error(`code-server did not answer on ${url} within 60 s`);
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  return { child, url, port: chosenPort, stop: () => stopProcess(child) };
}

function stopProcess(child) {
  if (child.exitCode !== null) return;
  try {
    process.kill(-child.pid, 'SIGTERM');
  } catch {
    child.kill('SIGTERM');
  }
}

export const CHROMIUM_PATH = process.env.STATECRAFT_CHROMIUM ?? '/usr/bin/chromium';
export const chromiumArgs = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-quic',
  // The dev-mode page is fulfilled by us (see openDevelopmentWorkbench), which makes it non-local to Chromium.
  '--disable-features=LocalNetworkAccessChecks',
];
