// Configuration hints (issue 16): which affinity settings fire, which stay quiet, ranges, note sections, removal
// edits and suppressions, through the same analyzer entry point the CLI and the editor use (so file recognition is
// tested too). Fixtures are written for these tests.

import { after, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { createAnalyzer } from '../../src/core/analyzer/analyzer';
import type { AnalysisResult, Finding } from '../../src/core/analyzer/types';
import { readFileSync } from 'node:fs';
import { slugify } from '../../src/core/slug';
import { applyEdits, nodeWasmLoader } from './analyzerHelpers';
import { maskLineTemplates, readHaproxy } from '../../src/core/analyzer/config/directiveSyntax';

const analyzer = createAnalyzer(nodeWasmLoader);
after(() => analyzer.dispose());

async function analyze(text: string, file: string): Promise<AnalysisResult> {
  const result = await analyzer.analyze(text, file);
  assert.equal(result.skipped, undefined, `${file} was skipped: ${result.skipped}`);
  return result;
}

/** rule, platform, 1-based line, note section: what a reader of the finding sees first. */
function brief(finding: Finding): [string, string, number, string] {
  return [finding.rule, finding.framework, finding.range.start.line + 1, finding.note.replace('sticky-sessions#', '#')];
}

async function briefs(text: string, file: string): Promise<Array<[string, string, number, string]>> {
  return (await analyze(text, file)).findings.map(brief);
}

const STICKY = 'sticky-routing-affinity';
const NON_CLIENT = 'consistent-hash-non-client-key';

describe('Kubernetes and other YAML', () => {
  const manifest = [
    'apiVersion: apps/v1', //1
    'kind: Deployment',
    'metadata: { name: web }',
    'spec:',
    '  replicas: 3', //5
    '---',
    'apiVersion: v1',
    'kind: Service',
    'metadata:',
    '  name: web', //10
    'spec:',
    '  sessionAffinity: ClientIP',
    '  sessionAffinityConfig:',
    '    clientIP:',
    '      timeoutSeconds: 600', //15
    '  ports: [{ port: 80 }]',
    '---',
    'apiVersion: v1',
    'kind: Service',
    'spec:', //20
    '  sessionAffinity: None',
    '',
  ].join('\n');

  test('Service ClientIP fires with the timeout, the replica count and a None fix; None stays quiet', async () => {
    const [finding, ...rest] = (await analyze(manifest, 'k8s/web.yaml')).findings;
    assert.equal(rest.length, 0);
    assert.deepEqual(brief(finding), [STICKY, 'Kubernetes Service', 12, '#kubernetes-service']);
    assert.match(finding.message, /client IP \(Kubernetes Service\).*up to 600 seconds.*lost when it goes/);
    assert.equal(finding.instances, 3);
    assert.equal(finding.fix?.needsConfirmation, true);
    assert.match(applyEdits(manifest, finding.fix!.edits), /^ {2}sessionAffinity: None\n {2}sessionAffinityConfig:/m);
  });

  test('the default ClientIP timeout is three hours when the manifest sets none', async () => {
    const [finding] = (await analyze('kind: Service\nspec:\n  sessionAffinity: ClientIP\n', 'svc.yml')).findings;
    assert.match(finding.message, /up to 10800 seconds/);
  });

  test('ingress-nginx cookie affinity and upstream-hash-by: client keys pin, a URI is informational', async () => {
    const ingress = [
      'apiVersion: networking.k8s.io/v1',
      'kind: Ingress',
      'metadata:',
      '  annotations:',
      '    nginx.ingress.kubernetes.io/affinity: "cookie"', //5
      '    nginx.ingress.kubernetes.io/affinity-mode: persistent',
      '    nginx.ingress.kubernetes.io/session-cookie-name: route',
      '---',
      'kind: Ingress',
      'metadata:', //10
      '  annotations:',
      '    nginx.ingress.kubernetes.io/upstream-hash-by: "$request_uri"',
      '---',
      'kind: Ingress',
      'metadata:', //15
      '  annotations:',
      '    nginx.ingress.kubernetes.io/upstream-hash-by: "$binary_remote_addr"',
      '',
    ].join('\n');
    const result = await analyze(ingress, 'ingress.yaml');
    assert.deepEqual(result.findings.map(brief), [
      [STICKY, 'ingress-nginx', 5, '#ingress-nginx'],
      [NON_CLIENT, 'ingress-nginx', 12, '#consistent-hashing-is-not-affinity'],
      [STICKY, 'ingress-nginx', 17, '#ingress-nginx'],
    ]);
    const fixed = applyEdits(ingress, result.findings[0].fix!.edits);
    assert.ok(!fixed.includes('affinity: "cookie"') && fixed.includes('affinity-mode'), 'the fix deletes the annotation line only');
  });

  test('Traefik: compose list labels, map labels, IngressRoute sticky cookie; one hint per label set; false is quiet', async () => {
    const compose = [
      'services:',
      '  web:',
      '    image: app',
      '    labels:',
      '      - "traefik.http.services.web.loadbalancer.sticky.cookie=true"', //5
      '      - "traefik.http.services.web.loadbalancer.sticky.cookie.name=srv"',
      '    deploy:',
      '      replicas: 4',
      '  api:',
      '    labels:', //10
      '      traefik.http.services.api.loadbalancer.sticky.cookie.name: api',
      '      traefik.http.services.api.loadbalancer.sticky.cookie.secure: "true"',
      '  off:',
      '    labels:',
      '      - "traefik.http.services.off.loadbalancer.sticky.cookie=false"', //15
      '',
    ].join('\n');
    const findings = (await analyze(compose, 'docker-compose.yml')).findings;
    assert.deepEqual(findings.map(brief), [
      [STICKY, 'Traefik', 5, '#traefik'],
      [STICKY, 'Traefik', 11, '#traefik'],
    ]);
    assert.equal(findings[0].instances, 4);
    const route = 'apiVersion: traefik.io/v1alpha1\nkind: IngressRoute\nspec:\n  routes:\n    - services:\n        - name: web\n          port: 80\n          sticky:\n            cookie:\n              name: lb\n';
    assert.deepEqual(await briefs(route, 'route.yaml'), [[STICKY, 'Traefik', 8, '#traefik']]);
  });

  test('Istio consistentHash on a cookie, source IP and a user header; ringHash alone is quiet', async () => {
    const rule = (hash: string) => `apiVersion: networking.istio.io/v1\nkind: DestinationRule\nspec:\n  trafficPolicy:\n    loadBalancer:\n      consistentHash:\n${hash}`;
    assert.deepEqual(await briefs(rule('        httpCookie:\n          name: user\n          ttl: 0s\n'), 'dr.yaml'), [[STICKY, 'Istio', 6, '#istio-and-envoy-gateway']]);
    assert.deepEqual(await briefs(rule('        useSourceIp: true\n'), 'dr.yaml'), [[STICKY, 'Istio', 6, '#istio-and-envoy-gateway']]);
    const header = await analyze(rule('        httpHeaderName: x-user-id\n'), 'dr.yaml');
    assert.match(header.findings[0].message, /Sticky routing on x-user-id \(Istio\)/);
    assert.deepEqual(await briefs(rule('        ringHash:\n          minimumRingSize: 1024\n'), 'dr.yaml'), []);
    assert.deepEqual(await briefs('kind: DestinationRule\nspec:\n  trafficPolicy:\n    loadBalancer:\n      simple: ROUND_ROBIN\n', 'dr.yaml'), []);
  });

  test('Traefik in Swarm with lbswarm: the Swarm virtual IP balances, so a sticky label pins nobody (list and map labels)', async () => {
    const stack = (extra: string) => [
      'services:',
      '  api:',
      '    image: example/api',
      '    deploy:',
      '      replicas: 4', //5
      '      labels:',
      '        - traefik.enable=true',
      '        - traefik.http.services.api.loadbalancer.sticky.cookie=true',
      extra,
      '',
    ].join('\n');
    assert.deepEqual(await briefs(stack('        - traefik.http.services.api.loadbalancer.server.port=8080'), 'stack.yml'), [[STICKY, 'Traefik', 8, '#traefik']]);
    assert.deepEqual(await briefs(stack('        - traefik.docker.lbswarm=true'), 'stack.yml'), []);
    assert.deepEqual(await briefs(stack('        - "traefik.swarm.lbswarm=true"'), 'stack.yml'), []);
    const mapLabels = 'services:\n  api:\n    deploy:\n      labels:\n        traefik.http.services.api.loadbalancer.sticky: "true"\n        traefik.docker.lbswarm: "true"\n';
    assert.deepEqual(await briefs(mapLabels, 'stack.yml'), []);
    assert.deepEqual(await briefs(mapLabels.replace('lbswarm: "true"', 'lbswarm: "false"'), 'stack.yml'), [[STICKY, 'Traefik', 5, '#traefik']]);
  });

  test('OpenShift Route: a named router cookie or balance source fires; disable_cookies, roundrobin and a bare Route stay quiet', async () => {
    const route = (annotations: string) => [
      'apiVersion: route.openshift.io/v1',
      'kind: Route',
      'metadata:',
      '  name: shop',
      '  annotations:', //5
      annotations,
      'spec:',
      '  to: { kind: Service, name: shop }',
      '',
    ].join('\n');
    const named = await analyze(route('    router.openshift.io/cookie_name: "shop_affinity"'), 'route.yaml');
    assert.deepEqual(named.findings.map(brief), [[STICKY, 'OpenShift router', 6, '#openshift-routes']]);
    // Removing the name alone would bring back the router's default cookie: the fix turns cookies off instead.
    assert.match(applyEdits(route('    router.openshift.io/cookie_name: "shop_affinity"'), named.findings[0].fix!.edits), /^ {4}haproxy\.router\.openshift\.io\/disable_cookies: "true"$/m);
    assert.deepEqual(await briefs(route('    haproxy.router.openshift.io/balance: source'), 'route.yaml'), [[STICKY, 'OpenShift router', 6, '#openshift-routes']]);
    assert.deepEqual(await briefs(route('    router.openshift.io/cookie_name: shop_affinity\n    haproxy.router.openshift.io/disable_cookies: "true"'), 'route.yaml'), []);
    assert.deepEqual(await briefs(route('    haproxy.router.openshift.io/balance: roundrobin'), 'route.yaml'), []);
    assert.deepEqual(await briefs(route('    haproxy.router.openshift.io/timeout: 30s'), 'route.yaml'), []);
  });

  test('a Helm template whose hash key comes from values is quiet; the same template with a literal cookie name fires', async () => {
    // A chart that offers a header or a cookie through `if / else if`: with the tags masked both branches are present
    // and neither key is known, so nothing can be said about what the rendered rule pins on.
    const chart = (cookieName: string) => [
      'apiVersion: networking.istio.io/v1beta1',
      'kind: DestinationRule',
      'spec:',
      '  host: {{ .Release.Name }}-api',
      '  trafficPolicy:', //5
      '    loadBalancer:',
      '      {{- if .Values.hash.enabled }}',
      '      consistentHash:',
      '        {{- if .Values.hash.header }}',
      '        httpHeaderName: {{ .Values.hash.header }}', //10
      '        {{- else }}',
      '        httpCookie:',
      `          name: ${cookieName}`,
      '          ttl: {{ .Values.hash.ttl }}',
      '        {{- end }}', //15
      '      {{- end }}',
      '',
    ].join('\n');
    assert.deepEqual(await briefs(chart('{{ .Values.hash.cookie }}'), 'templates/destinationrule.yaml'), []);
    assert.deepEqual(await briefs(chart('api-affinity'), 'templates/destinationrule.yaml'), [[STICKY, 'Istio', 8, '#istio-and-envoy-gateway']]);
  });

  test('GKE BackendConfig, Gateway API session persistence, AWS Load Balancer Controller annotations', async () => {
    const backendConfig = 'apiVersion: cloud.google.com/v1\nkind: BackendConfig\nspec:\n  sessionAffinity:\n    affinityType: "GENERATED_COOKIE"\n    affinityCookieTtlSec: 50\n';
    assert.deepEqual(await briefs(backendConfig, 'bc.yaml'), [[STICKY, 'GKE BackendConfig', 5, '#google-cloud']]);
    assert.deepEqual(await briefs(backendConfig.replace('"GENERATED_COOKIE"', 'NONE'), 'bc.yaml'), []);
    const route = 'apiVersion: gateway.networking.k8s.io/v1\nkind: HTTPRoute\nspec:\n  rules:\n    - backendRefs: [{ name: web, port: 80 }]\n      sessionPersistence:\n        sessionName: sid\n        type: Cookie\n';
    assert.deepEqual(await briefs(route, 'route.yaml'), [[STICKY, 'Gateway API', 6, '#gateway-api']]);
    const alb = 'kind: Ingress\nmetadata:\n  annotations:\n    alb.ingress.kubernetes.io/target-group-attributes: stickiness.enabled=true,stickiness.lb_cookie.duration_seconds=60\n';
    assert.deepEqual(await briefs(alb, 'ing.yaml'), [[STICKY, 'AWS Load Balancer Controller', 4, '#aws-load-balancers']]);
    assert.deepEqual(await briefs(alb.replace('enabled=true', 'enabled=false'), 'ing.yaml'), []);
  });

  test('CloudFormation YAML target group stickiness; "false" and intrinsic functions stay quiet', async () => {
    const template = (value: string) => `AWSTemplateFormatVersion: "2010-09-09"\nResources:\n  TG:\n    Type: AWS::ElasticLoadBalancingV2::TargetGroup\n    Properties:\n      TargetGroupAttributes:\n        - Key: stickiness.enabled\n          Value: ${value}\n`;
    const result = await analyze(template('"true"'), 'template.yaml');
    assert.deepEqual(result.findings.map(brief), [[STICKY, 'AWS Elastic Load Balancing', 7, '#aws-load-balancers']]);
    assert.match(applyEdits(template('"true"'), result.findings[0].fix!.edits), /Value: "false"/);
    assert.deepEqual(await briefs(template('"false"'), 'template.yaml'), []);
    assert.deepEqual(await briefs(template('!Ref Sticky'), 'template.yaml'), []);
  });

  test('template values, commented-out lines and Helm placeholders stay quiet; a literal in Helm values fires', async () => {
    assert.deepEqual(await briefs('spec:\n  # sessionAffinity: ClientIP\n  sessionAffinity: {{ .Values.affinity }}\n', 'svc.yaml'), []);
    assert.deepEqual(await briefs('service:\n  type: ClusterIP\n  sessionAffinity: ClientIP\n', 'charts/web/values.yaml'), [[STICKY, 'Kubernetes Service', 3, '#kubernetes-service']]);
  });
});

describe('nginx', () => {
  const conf = [
    'http {', //1
    '  upstream app {',
    '    # ip_hash;',
    '    ip_hash;',
    '    server 10.0.0.1:8080;', //5
    '  }',
    '  upstream cache { hash $scheme$request_uri consistent; server c1; }',
    '  upstream sessions {',
    '    hash $cookie_jsessionid consistent;',
    '    server a;', //10
    '  }',
    '  upstream plain { least_conn; server a; server b; }',
    '  upstream plus { sticky cookie srv_id expires=1h path=/; server a; }',
    '  server { listen 80; location / { proxy_pass http://app; } }',
    '}', //15
    'stream {',
    '  upstream dns { hash $remote_addr consistent; server 10.0.0.2:53; }',
    '}',
    '',
  ].join('\n');

  test('ip_hash, sticky, client-keyed hash in http and stream upstreams; URI hash informational; least_conn quiet', async () => {
    assert.deepEqual(await briefs(conf, 'nginx/nginx.conf'), [
      [STICKY, 'nginx', 4, '#nginx'],
      [NON_CLIENT, 'nginx', 7, '#consistent-hashing-is-not-affinity'],
      [STICKY, 'nginx', 9, '#nginx'],
      [STICKY, 'nginx', 13, '#nginx'],
      [STICKY, 'nginx', 17, '#nginx'],
    ]);
  });

  test('the ip_hash fix deletes the directive line and nothing else', async () => {
    const [first] = (await analyze(conf, 'nginx.conf')).findings;
    const fixed = applyEdits(conf, first.fix!.edits);
    assert.ok(fixed.includes('    # ip_hash;\n    server 10.0.0.1:8080;'), fixed);
  });

  test('a suppression comment above the directive silences it, with its reason', async () => {
    const result = await analyze('upstream a {\n  # statecraft-ignore: websocket gateway, state is in Redis\n  ip_hash;\n  server x;\n}\n', 'conf.d/app.conf');
    assert.equal(result.findings.length, 0);
    assert.equal(result.suppressed.length, 1);
  });

  test('ambiguous names are sniffed: nginx in a .conf, HAProxy in a .cfg, INI and Apache are not read', async () => {
    const upstream = 'upstream a {\n  ip_hash;\n  server x;\n}\n';
    assert.equal((await briefs(upstream, 'deploy/default.conf')).length, 1);
    assert.equal((await briefs(upstream, 'sites-available/example')).length, 1);
    assert.equal((await briefs(upstream, 'templates/app.conf.j2')).length, 1);
    assert.equal((await analyzer.analyze('[metadata]\nname = x\n', 'setup.cfg')).skipReason, 'unsupported');
    assert.equal((await analyzer.analyze('<VirtualHost *:80>\n  ProxyPass / balancer://c/ stickysession=ROUTEID\n</VirtualHost>\n', 'httpd.conf')).skipReason, 'unsupported');
  });

  test('an unclosed block reports what it read and says so', async () => {
    const result = await analyzer.analyze('upstream a {\n  ip_hash;\n  server x;\n', 'nginx.conf');
    assert.equal(result.findings.length, 1);
    assert.match(result.problems?.[0] ?? '', /never closed/);
  });
});

describe('HAProxy', () => {
  const cfg = [
    'global', //1
    '  daemon',
    'defaults',
    '  mode http',
    'backend web', //5
    '  balance source',
    '  cookie SERVERID insert indirect nocache',
    '  server s1 10.0.0.1:80 check cookie s1',
    'backend limits',
    '  balance roundrobin', //10
    '  stick-table type ip size 100k expire 30s store http_req_rate(10s)',
    '  http-request track-sc0 src',
    '  server s2 10.0.0.2:80',
    'listen sticky',
    '  balance leastconn', //15
    '  stick-table type ip size 200k expire 30m',
    '  stick on src',
    '  server s3 10.0.0.3:80',
    '',
  ].join('\n');

  test('balance source, cookie insert and stick on fire; a rate-limiting stick-table and round robin stay quiet', async () => {
    assert.deepEqual(await briefs(cfg, 'haproxy.cfg'), [
      [STICKY, 'HAProxy', 6, '#haproxy'],
      [STICKY, 'HAProxy', 7, '#haproxy'],
      [STICKY, 'HAProxy', 17, '#haproxy'],
    ]);
  });

  test('the balance source fix switches to round robin', async () => {
    const [first] = (await analyze(cfg, 'haproxy.cfg')).findings;
    assert.match(applyEdits(cfg, first.fix!.edits), /^ {2}balance roundrobin\n {2}cookie SERVERID/m);
  });

  // An Ansible-style template, written for this test: the server line is split over three source lines by whitespace
  // control and trim_blocks, the cookie name comes from a variable, and a section keyword follows a statement tag.
  const template = (cookieLine: string, serverCookie: string) => [
    'global', //1
    '    maxconn {{ haproxy_maxconn }}',
    '{% for site in sites %}',
    'frontend fe_{{ site.name }}',
    '    bind :{{ site.port }}', //5
    '{% endfor %}',
    'backend {{ app_name }}',
    '    balance {{ lb_algorithm | default("roundrobin") }}',
    cookieLine,
    '{% for host in app_hosts %}    server {{ host.name }} {{ host.ip }}:8080 check', //10
    '{%- if host.weight is defined %} weight {{ host.weight }}{% endif %}',
    serverCookie,
    '{% endfor %}',
    '',
  ].join('\n');

  test('templates: a cookie insert with a templated name and rendered per-server cookies fires; a templated balance does not', async () => {
    const sticky = template('    cookie {{ lb_cookie_name }} insert indirect nocache', ' cookie {{ host.name }}');
    assert.deepEqual(await briefs(sticky, 'haproxy.cfg.j2'), [[STICKY, 'HAProxy', 9, '#haproxy']]);
    // Without server cookies the inserted cookie names no server: nothing pins, and the templated balance says nothing.
    assert.deepEqual(await briefs(template('    cookie {{ lb_cookie_name }} insert indirect nocache', ''), 'haproxy.cfg.j2'), []);
    assert.deepEqual(await briefs(template('    option httpchk', ' cookie {{ host.name }}'), 'haproxy.cfg.j2'), []);
  });

  test('template masking keeps every offset, blanks statement tags and joins the lines whitespace control joins', () => {
    const source = 'backend a\n{% if x %}\n    server s1 {{ ip }}:80\n{%- if c %} cookie {{ n }}{% endif %}\n';
    const masked = maskLineTemplates(source);
    assert.equal(masked.length, source.length);
    // The last line break follows a statement tag, so it goes too (trim_blocks).
    assert.deepEqual(masked.split('\n').map((line) => line.replace(/\u0001+/g, 'X').replace(/\s+/g, ' ').trim()), ['backend a', 'server s1 X:80 cookie X']);
    const parsed = readHaproxy(source);
    assert.deepEqual(parsed.directives.map((section) => [section.name, section.block?.map((line) => [line.name, line.args.map((arg) => arg.text.replace(/\u0001+/g, 'X'))])]), [
      ['backend', [['server', ['s1', 'X:80', 'cookie', 'X']]]],
    ]);
  });
});

describe('Terraform / OpenTofu (tree-sitter HCL)', () => {
  const tf = [
    'resource "aws_lb_target_group" "a" {', //1
    '  stickiness {',
    '    type    = "lb_cookie"',
    '    enabled = true',
    '  }', //5
    '}',
    'resource "aws_lb_target_group" "b" {',
    '  stickiness {',
    '    type    = "lb_cookie"',
    '    enabled = false', //10
    '  }',
    '}',
    'resource "aws_lb_target_group" "c" {',
    '  stickiness {',
    '    type    = "lb_cookie"', //15
    '    enabled = var.sticky',
    '  }',
    '}',
    'resource "azurerm_linux_web_app" "w" {',
    '  # statecraft-ignore: single instance by design', //20
    '  client_affinity_enabled = true',
    '}',
    'resource "google_compute_backend_service" "g" {',
    '  session_affinity = "GENERATED_COOKIE"',
    '}', //25
    'resource "google_compute_backend_service" "h" {',
    '  session_affinity = "NONE"',
    '}',
    'resource "aws_lb_cookie_stickiness_policy" "p" {',
    '  name = "x"', //30
    '}',
    'module "alb" {',
    '  target_groups = [{ name = "x", stickiness = { enabled = true, type = "lb_cookie" } }]',
    '}',
    '/* resource "aws_lb_target_group" "d" { stickiness { enabled = true } } */', //35
    '',
  ].join('\n');

  test('stickiness, web-app affinity, Google session_affinity, cookie policies, module objects; false/var/NONE quiet', async () => {
    const result = await analyze(tf, 'infra/main.tf');
    assert.deepEqual(result.findings.map(brief), [
      [STICKY, 'AWS Elastic Load Balancing', 2, '#aws-load-balancers'],
      [STICKY, 'Google Cloud load balancing', 24, '#google-cloud'],
      [STICKY, 'AWS Classic Load Balancer', 29, '#aws-load-balancers'],
      [STICKY, 'AWS Elastic Load Balancing', 33, '#aws-load-balancers'],
    ]);
    assert.deepEqual(result.suppressed.map(brief), [[STICKY, 'Azure App Service', 21, '#azure']]);
    assert.match(applyEdits(tf, result.findings[0].fix!.edits), /enabled = false\n {2}\}\n\}\nresource "aws_lb_target_group" "b"/);
  });
});

describe('Bicep (tree-sitter) and ARM / CloudFormation JSON', () => {
  test('clientAffinityEnabled: true fires, also under a condition; false is quiet', async () => {
    const bicep = "resource site 'Microsoft.Web/sites@2022-03-01' = {\n  name: 'x'\n  properties: {\n    clientAffinityEnabled: true\n  }\n}\nresource s2 'Microsoft.Web/sites@2022-03-01' = if (deploy) {\n  properties: {\n    clientAffinityEnabled: false\n    siteConfig: { alwaysOn: true }\n  }\n}\n";
    const result = await analyze(bicep, 'main.bicep');
    assert.deepEqual(result.findings.map(brief), [[STICKY, 'Azure App Service', 4, '#azure']]);
    assert.match(applyEdits(bicep, result.findings[0].fix!.edits), /clientAffinityEnabled: false\n {2}\}\n\}\nresource s2/);
  });

  test('ARM JSON with comments; CloudFormation JSON target group; an ARM expression stays quiet', async () => {
    const arm = '{\n  // ARM allows comments\n  "resources": [\n    { "type": "Microsoft.Web/sites", "properties": { "clientAffinityEnabled": true } },\n    { "type": "Microsoft.Web/sites", "properties": { "clientAffinityEnabled": "[parameters(\'affinity\')]" } }\n  ]\n}\n';
    assert.deepEqual(await briefs(arm, 'azuredeploy.json'), [[STICKY, 'Azure App Service', 4, '#azure']]);
    const cfn = '{"Resources": {"TG": {"Type": "AWS::ElasticLoadBalancingV2::TargetGroup", "Properties": {"TargetGroupAttributes": [{"Key": "stickiness.enabled", "Value": "true"}]}}}}';
    assert.deepEqual(await briefs(cfn, 'stack.template.json'), [[STICKY, 'AWS Elastic Load Balancing', 1, '#aws-load-balancers']]);
  });

  test('a broken JSON file names the line of the error instead of failing', async () => {
    const result = await analyzer.analyze('{\n  "clientAffinityEnabled": true,\n  oops\n}\n', 'azuredeploy.json');
    assert.equal(result.findings.length, 0);
    assert.match(result.problems?.[0] ?? '', /line 3/);
  });
});

describe('the sticky-sessions note', () => {
  test('has a section for every place a configuration hint points at', async () => {
    const note = readFileSync(require.resolve('../../content/sticky-sessions.md'), 'utf8');
    const slugs = new Set([...note.matchAll(/^#{2,4} (.+)$/gm)].map((match) => slugify(match[1])));
    const sections = ['kubernetes-service', 'ingress-nginx', 'openshift-routes', 'traefik', 'istio-and-envoy-gateway', 'gateway-api', 'nginx', 'haproxy', 'aws-load-balancers', 'azure', 'google-cloud', 'consistent-hashing-is-not-affinity'];
    for (const section of sections) assert.ok(slugs.has(section), `#${section} is a heading of content/sticky-sessions.md`);
    // The list above is the AffinitySection union: a finding for each one resolves to a heading.
    const result = await analyzer.analyze('upstream a {\n  ip_hash;\n}\n', 'nginx.conf');
    assert.ok(slugs.has(result.findings[0].note.split('#')[1]));
  });
});
