import * as assert from 'assert';
import * as vscode from 'vscode';
import { activateStatecraft, waitFor, workspaceUri } from './helpers';

const APP = `const express = require('express');
const session = require('express-session');
const store = require('./store');

const app = express();
app.use(session({ store, secret: process.env.SESSION_SECRET, resave: false, saveUninitialized: false }));
app.listen(3000);
`;
const MEMORY_STORE = `const session = require('express-session');
module.exports = new session.MemoryStore();
`;
const REDIS_STORE = `const { createClient } = require('redis');
const { RedisStore } = require('connect-redis');
module.exports = new RedisStore({ client: createClient() });
`;

async function write(uri: vscode.Uri, text: string): Promise<void> {
  await vscode.workspace.fs.writeFile(uri, new TextEncoder().encode(text));
}

suite('workspace audit', () => {
  const folder = workspaceUri('src', 'crossfile');
  const app = vscode.Uri.joinPath(folder, 'app.js');
  const store = vscode.Uri.joinPath(folder, 'store.js');

  suiteTeardown(async () => {
    await vscode.workspace.fs.delete(folder, { recursive: true, useTrash: false });
  });

  test('follows the store import: a MemoryStore in another module is reported on the session options, and a change of that module to Redis clears it', async () => {
    const api = await activateStatecraft();
    await vscode.workspace.fs.createDirectory(folder);
    await write(app, APP);
    await write(store, MEMORY_STORE);
    await api.audit.scan();
    const appFindings = () => api.audit.results.files().find((file) => file.file === app.toString())?.findings ?? [];
    const drift = appFindings();
    assert.ok(drift.some((finding) => finding.rule === 'session-store-in-memory' && /store/.test(finding.message)), JSON.stringify(drift.map((finding) => [finding.rule, finding.message])));
    // The module changes on disk (not in an editor): the audit re-judges the file that imports it.
    await write(store, REDIS_STORE);
    await waitFor('the app to be judged again after its store module changed', () => (appFindings().length === 0 ? true : undefined), 20_000);
  });
});
