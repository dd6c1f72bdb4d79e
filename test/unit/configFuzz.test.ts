// Hostile configuration input (issue 16): YAML alias bombs, very deep nesting, broken multi-document files, runaway
// nginx blocks, random byte-level mutations of real-looking files. Every reader must return (no throw, no hang) and
// say what it could not read. Seeded, so a failure reproduces.

import { after, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { createAnalyzer } from '../../src/core/analyzer/analyzer';
import { analyzeConfigText } from '../../src/core/analyzer/config/configAnalysis';
import { readHaproxy, readNginx } from '../../src/core/analyzer/config/directiveSyntax';
import { readJson } from '../../src/core/analyzer/config/jsonTree';
import { readYaml } from '../../src/core/analyzer/config/yamlTree';
import { nodeWasmLoader } from './analyzerHelpers';
import { seededRandom as random } from '../../src/core/sim/seededHash';

const analyzer = createAnalyzer(nodeWasmLoader);
after(() => analyzer.dispose());


const SAMPLES: Record<'yaml' | 'json' | 'nginx' | 'haproxy', string> = {
  yaml: 'apiVersion: v1\nkind: Service\nmetadata:\n  annotations:\n    nginx.ingress.kubernetes.io/affinity: "cookie"\nspec:\n  sessionAffinity: ClientIP\n  sessionAffinityConfig: { clientIP: { timeoutSeconds: 60 } }\n---\nservices:\n  web:\n    labels: ["traefik.http.services.web.loadbalancer.sticky.cookie=true"]\n',
  json: '{"Resources": {"TG": {"Type": "AWS::ElasticLoadBalancingV2::TargetGroup", "Properties": {"TargetGroupAttributes": [{"Key": "stickiness.enabled", "Value": "true"}]}}}, "x": [1, 2.5e3, null, false, "a\\"b"]}',
  nginx: 'http {\n  upstream a { ip_hash; server "x:1"; }\n  upstream b { hash $cookie_sid consistent; server y; }\n  # comment { ;\n  server { location ~ "^/(a{2})" { proxy_pass http://a; } }\n}\nstream { upstream c { hash $remote_addr; server z:1; } }\n',
  haproxy: 'global\n  daemon\nbackend web\n  balance source\n  cookie SRV insert indirect nocache\n  server a 1.1.1.1:80 cookie a\n  stick on src \\\n    table t\n  http-request set-header X "a # b"\n',
};

const ALPHABET = ['{', '}', ';', '"', "'", '#', '\\', '\n', ' ', ':', '-', '[', ']', '&a', '*a', '---\n', '${', '{{', '}}', '\t', 'x'];

function mutate(text: string, next: () => number): string {
  let result = text;
  const edits = 1 + Math.floor(next() * 6);
  for (let edit = 0; edit < edits; edit++) {
    const at = Math.floor(next() * (result.length + 1));
    const choice = next();
    if (choice < 0.4) {
      result = result.slice(0, at) + ALPHABET[Math.floor(next() * ALPHABET.length)] + result.slice(at);
    } else if (choice < 0.7) {
      result = result.slice(0, at) + result.slice(at + 1 + Math.floor(next() * 5));
    } else {
      const from = Math.floor(next() * result.length);
      result = result.slice(0, at) + result.slice(from, from + Math.floor(next() * 30)) + result.slice(at);
    }
  }
  return result;
}

describe('configuration readers under hostile input', () => {
  test('2,000 seeded mutations per format never throw, and findings stay inside the text', () => {
    for (const format of ['yaml', 'json', 'nginx', 'haproxy'] as const) {
      const next = random(format.length * 7919);
      for (let run = 0; run < 2000; run++) {
        const text = mutate(SAMPLES[format], next);
        const lineCount = text.split('\n').length;
        const result = analyzeConfigText(text, format);
        for (const finding of result.findings) {
          assert.ok(finding.range.start.line < lineCount && finding.range.end.line < lineCount, `${format} run ${run}: range outside the text`);
        }
      }
    }
  });

  test('a YAML alias bomb is read without expanding it', () => {
    const lines = ['a: &a ["x", "x", "x", "x", "x", "x", "x", "x", "x"]'];
    for (let level = 1; level < 12; level++) {
      const previous = String.fromCharCode(96 + level);
      const name = String.fromCharCode(97 + level);
      lines.push(`${name}: &${name} [*${previous}, *${previous}, *${previous}, *${previous}, *${previous}, *${previous}, *${previous}, *${previous}, *${previous}]`);
    }
    lines.push('spec:\n  sessionAffinity: ClientIP');
    const result = analyzeConfigText(lines.join('\n'), 'yaml');
    assert.equal(result.findings.length, 1, 'the affinity after the bomb is still found');
  });

  test('very deep nesting is cut with a message, in YAML, JSON and nginx', () => {
    const yaml = readYaml(`${'a: '.repeat(1)}${'['.repeat(20_000)}${']'.repeat(20_000)}\n`);
    assert.ok(yaml.problems.length > 0 || yaml.documents.length > 0);
    const json = readJson(`${'['.repeat(20_000)}${']'.repeat(20_000)}`);
    assert.match(json.problems[0] ?? '', /nested deeper than 64 levels/);
    const nginx = readNginx(`${'a {\n'.repeat(5_000)}ip_hash;\n${'}\n'.repeat(5_000)}`);
    assert.match(nginx.problems[0] ?? '', /deeper than 64 levels/);
    const indented = readYaml(Array.from({ length: 3_000 }, (_, depth) => `${' '.repeat(depth)}k${depth}:`).join('\n'));
    assert.ok(Array.isArray(indented.documents));
  });

  test('broken multi-document YAML keeps the documents around the broken one, and names the error', () => {
    const text = 'kind: Service\nspec:\n  sessionAffinity: ClientIP\n---\nkey: [unclosed\n---\nkind: Service\nspec:\n  sessionAffinity: ClientIP\n';
    const result = analyzeConfigText(text, 'yaml');
    assert.deepEqual(result.findings.map((finding) => finding.range.start.line), [2, 8]);
    assert.match(result.problems[0] ?? '', /YAML syntax error at line \d+/);
  });

  test('runaway blocks and unterminated quotes end at the end of the text', () => {
    const nginx = readNginx('upstream a {\n  ip_hash;\n  server "unterminated;\n');
    assert.equal(nginx.directives.length, 1);
    assert.match(nginx.problems[0] ?? '', /never closed/);
    const haproxy = readHaproxy('backend b\n  balance "source\n  cookie x insert\n');
    assert.equal(haproxy.directives.length, 1);
  });

  test('the analyzer entry point answers for HCL and Bicep garbage too', async () => {
    const next = random(42);
    for (let run = 0; run < 200; run++) {
      const hcl = mutate('resource "aws_lb_target_group" "a" {\n  stickiness {\n    enabled = true\n    type = "lb_cookie"\n  }\n}\n', next);
      const bicep = mutate("resource s 'Microsoft.Web/sites@2022-03-01' = {\n  properties: {\n    clientAffinityEnabled: true\n  }\n}\n", next);
      const [a, b] = await Promise.all([analyzer.analyze(hcl, 'main.tf'), analyzer.analyze(bicep, 'main.bicep')]);
      assert.ok(Array.isArray(a.findings) && Array.isArray(b.findings));
    }
  });
});
