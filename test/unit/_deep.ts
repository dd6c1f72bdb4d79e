import { createAnalyzer } from '../../src/core/analyzer/analyzer';
import { nodeWasmLoader } from './analyzerHelpers';
(async () => {
  const a = createAnalyzer(nodeWasmLoader, { parseTimeoutMs: 60000 });
  const inputs: Array<[string, string]> = [
    ["const express = require('express');\nconst sessions = new Map();\n" + 'sessions.set(req.user,\n'.repeat(2000) + '1' + ')'.repeat(2000) + '\n', 'a.js'],
    ["const express = require('express');\nconst sessions = new Map();\n" + 'app.get((req) => {\n'.repeat(500) + 'sessions.set(req.user, 1)' + '})'.repeat(500) + '\n', 'b.js'],
    ["const express = require('express-session');\n" + 'session([\n'.repeat(3000) + '])'.repeat(3000) + '\n', 'c.js'],
    ['from flask import Flask\nsessions = {}\n' + 'sessions[sid] = (\n'.repeat(2000) + '1' + ')'.repeat(2000) + '\n', 'd.py'],
  ];
  for (const [text, file] of inputs) {
    const t = Date.now();
    const r = await a.analyze(text, file);
    console.log(file, text.length, Date.now() - t, 'ms', r.findings.length, r.skipReason);
  }
})();
