// `statecraft scan` over configuration files (issue 16): recognition in a tree (names and sniffed content), the
// cross-artifact pairing of affinity and in-memory state, and the three output formats, SARIF validated against the
// official 2.1.0 schema. Also the pure pairing function on its own.

import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import Ajv from 'ajv';
import addFormats from 'ajv-formats';
import { runScanCommand } from '../../src/cli/scanCommand';
import { createAnalyzer } from '../../src/core/analyzer/analyzer';
import { pairAffinityWithState } from '../../src/core/analyzer/config/affinityPairing';
import type { Finding } from '../../src/core/analyzer/types';
import { nodeWasmLoader } from './analyzerHelpers';

const EXPRESS_MEMORY = "const express = require('express');\nconst session = require('express-session');\nconst app = express();\napp.use(session({ secret: 's' }));\n";
const SERVICE = 'apiVersion: v1\nkind: Service\nmetadata:\n  name: web\nspec:\n  sessionAffinity: ClientIP\n  ports:\n    - port: 80\n';
const NGINX = 'upstream app {\n  ip_hash;\n  server 10.0.0.1:3000;\n}\nserver {\n  listen 80;\n  location / { proxy_pass http://app; }\n}\n';
const NOT_NGINX = '[Unit]\nDescription=ip_hash upstream hash\n';

let workspace: string;
before(() => {
  workspace = mkdtempSync(path.join(os.tmpdir(), 'statecraft-scan-config-'));
});
after(() => rmSync(workspace, { recursive: true, force: true }));

function project(name: string, files: Record<string, string>): string {
  const root = path.join(workspace, name);
  for (const [relative, content] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(root, relative)), { recursive: true });
    writeFileSync(path.join(root, relative), content);
  }
  return root;
}

async function scan(cwd: string, ...argv: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const code = await runScanCommand(argv, { stdout: (text) => (stdout += text), stderr: (text) => (stderr += text), cwd }, () => createAnalyzer(nodeWasmLoader));
  return { code, stdout, stderr };
}

describe('statecraft scan on configuration files', () => {
  test('JSON: finds the Service and the sniffed nginx .conf, skips a systemd unit, pairs both with the Express store', async () => {
    const root = project('paired', { 'k8s/service.yaml': SERVICE, 'deploy/default.conf': NGINX, 'deploy/app.conf': NOT_NGINX, 'src/server.js': EXPRESS_MEMORY });
    const run = await scan(root, '--format', 'json');
    assert.equal(run.code, 1);
    const results = JSON.parse(run.stdout) as Array<{ file: string; rule: string; message: string; line: number }>;
    assert.deepEqual(results.map((result) => [result.file, result.rule, result.line]), [
      ['deploy/default.conf', 'sticky-routing-affinity', 2],
      ['k8s/service.yaml', 'sticky-routing-affinity', 6],
      ['src/server.js', 'session-store-in-memory', 4],
    ]);
    assert.match(results[1].message, /^Session affinity by client IP \(Kubernetes Service\).* This affinity is what keeps the express-session state in src\/server\.js:4 working: externalize that state first, then drop the affinity\.$/);
    assert.match(results[2].message, /Today the nginx affinity in deploy\/default\.conf:2 hides this by pinning each client to one instance/);
  });

  test('text output names the file and line; without in-memory state nothing is paired', async () => {
    const root = project('alone', { 'k8s/service.yaml': SERVICE });
    const run = await scan(root);
    assert.equal(run.code, 1);
    assert.match(run.stdout, /k8s\/service\.yaml:6:\d+/);
    assert.doesNotMatch(run.stdout, /externalize that state first/);
  });

  test('SARIF is valid 2.1.0 and carries the configuration rules with their note links', async () => {
    const root = project('sarif', { 'k8s/service.yaml': SERVICE, 'lb/haproxy.cfg': 'global\n  daemon\nbackend web\n  balance source\n  server a 10.0.0.1:80\n' });
    const run = await scan(root, '--format', 'sarif');
    const log = JSON.parse(run.stdout);
    const schema = JSON.parse(readFileSync(path.join(__dirname, '..', 'fixtures', 'sarif', 'sarif-schema-2.1.0.json'), 'utf8'));
    const ajv = new Ajv({ strict: false, allErrors: true });
    addFormats(ajv);
    const validate = ajv.compile(schema);
    assert.equal(validate(log), true, JSON.stringify(validate.errors, null, 2));
    const results = log.runs[0].results as Array<{ ruleId: string; ruleIndex: number; locations: Array<{ physicalLocation: { artifactLocation: { uri: string }; region: { startLine: number } } }> }>;
    assert.deepEqual(results.map((result) => [result.ruleId, result.locations[0].physicalLocation.artifactLocation.uri, result.locations[0].physicalLocation.region.startLine]), [
      ['sticky-routing-affinity', 'k8s/service.yaml', 6],
      ['sticky-routing-affinity', 'lb/haproxy.cfg', 4],
    ]);
    const rule = log.runs[0].tool.driver.rules[results[0].ruleIndex];
    assert.equal(rule.id, 'sticky-routing-affinity');
    assert.match(rule.helpUri, /content\/sticky-sessions\.md#where-affinity-is-configured$/);
  });
});

describe('statecraft scan finds configuration files by folder, name and content', () => {
  // Written for this test: an nginx site file without an extension, a conf.d snippet, an HAProxy file, a Service and a
  // CloudFormation JSON template, each pinning clients; a conf.d snippet that only round-robins stays quiet.
  const files = {
    'nginx/sites-available/app': 'upstream shop {\n    ip_hash;\n    server 10.1.0.5:8080;\n    server 10.1.0.6:8080;\n}\nserver {\n    listen 80;\n    location / { proxy_pass http://shop; }\n}\n',
    'nginx/conf.d/api.conf': 'upstream api {\n    hash $cookie_session consistent;\n    server 10.2.0.1:9000;\n}\n',
    'nginx/conf.d/static.conf': 'upstream assets {\n    server 10.3.0.1:80;\n    server 10.3.0.2:80;\n}\n',
    'haproxy.cfg': 'global\n    maxconn 100\n\nbackend shop\n    balance roundrobin\n    cookie LB insert indirect\n    server a 10.1.0.5:8080 cookie a\n    server b 10.1.0.6:8080 cookie b\n',
    'k8s/shop-service.yaml': 'apiVersion: v1\nkind: Service\nmetadata:\n  name: shop\nspec:\n  selector: { app: shop }\n  sessionAffinity: ClientIP\n',
    'cfn/stack.json': JSON.stringify({ AWSTemplateFormatVersion: '2010-09-09', Resources: { ShopTargets: { Type: 'AWS::ElasticLoadBalancingV2::TargetGroup', Properties: { Port: 8080, TargetGroupAttributes: [{ Key: 'stickiness.enabled', Value: 'true' }] } } } }, null, 2) + '\n',
  };
  const expected = [
    ['cfn/stack.json', 'sticky-routing-affinity'],
    ['haproxy.cfg', 'sticky-routing-affinity'],
    ['k8s/shop-service.yaml', 'sticky-routing-affinity'],
    ['nginx/conf.d/api.conf', 'sticky-routing-affinity'],
    ['nginx/sites-available/app', 'sticky-routing-affinity'],
  ];

  test('JSON lists one finding per pinning file, sorted by path, and nothing for the round-robin snippet', async () => {
    const run = await scan(project('by-kind-json', files), '--format', 'json');
    assert.equal(run.code, 1, run.stderr);
    const results = JSON.parse(run.stdout) as Array<{ file: string; rule: string; line: number }>;
    assert.deepEqual(results.map((result) => [result.file, result.rule]), expected);
    assert.deepEqual(results.map((result) => result.line), [9, 6, 7, 2, 2]);
  });

  test('text names every file with its line', async () => {
    const run = await scan(project('by-kind-text', files));
    assert.equal(run.code, 1, run.stderr);
    for (const [file] of expected) {
      assert.match(run.stdout, new RegExp(`${file.replace(/[.]/g, '\\.')}:\\d+:\\d+`));
    }
    assert.doesNotMatch(run.stdout, /static\.conf/);
  });

  test('SARIF is valid 2.1.0 and carries the same five results', async () => {
    const run = await scan(project('by-kind-sarif', files), '--format', 'sarif');
    const log = JSON.parse(run.stdout);
    const schema = JSON.parse(readFileSync(path.join(__dirname, '..', 'fixtures', 'sarif', 'sarif-schema-2.1.0.json'), 'utf8'));
    const ajv = new Ajv({ strict: false, allErrors: true });
    addFormats(ajv);
    const validate = ajv.compile(schema);
    assert.equal(validate(log), true, JSON.stringify(validate.errors, null, 2));
    const results = log.runs[0].results as Array<{ ruleId: string; locations: Array<{ physicalLocation: { artifactLocation: { uri: string } } }> }>;
    assert.deepEqual(results.map((result) => [result.locations[0].physicalLocation.artifactLocation.uri, result.ruleId]), expected);
  });
});

describe('pairAffinityWithState', () => {
  const finding = (rule: Finding['rule'], line: number, framework: string): Finding => ({
    rule, severity: 'information', message: 'M.', title: 'T', note: 'n', framework,
    range: { start: { line, character: 0 }, end: { line, character: 1 } },
  });

  test('names the first state finding (by path, then line) in every affinity finding, and the reverse', () => {
    const paired = pairAffinityWithState([
      { file: 'b/lb.conf', findings: [finding('sticky-routing-affinity', 3, 'nginx')] },
      { file: 'a/app.js', findings: [finding('in-memory-session-map', 9, 'Map'), finding('session-store-in-memory', 2, 'express-session')] },
      { file: 'c/limits.js', findings: [finding('in-memory-rate-limit', 1, 'express-rate-limit')] },
    ]);
    assert.deepEqual(paired[0].findings[0].pairedWith, { file: 'a/app.js', line: 2, rule: 'session-store-in-memory' });
    assert.match(paired[0].findings[0].message, /^M\. This affinity is what keeps the express-session state in a\/app\.js:3 working/);
    assert.deepEqual(paired[1].findings.map((f) => f.pairedWith?.file), ['b/lb.conf', 'b/lb.conf']);
    assert.equal(paired[2].findings[0].pairedWith, undefined, 'a rate limit is not kept working by affinity');
  });

  test('one side alone leaves every finding as it was', () => {
    const files = [{ file: 'a.js', findings: [finding('session-store-in-memory', 0, 'express-session')] }];
    assert.deepEqual(pairAffinityWithState(files), files);
  });
});
