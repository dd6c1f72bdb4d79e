import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { parseNote } from '../../src/core/notes/noteLoader';
import { escapeHtml, renderMarkdown, renderNoteBody } from '../../src/core/render/markdownRenderer';
import { noteFile } from './helpers/noteFixtures';

describe('renderMarkdown: exact HTML', () => {
  test('headings get slug ids; note links become data-note-id anchors', () => {
    const markdown = [
      '## Key Trade-offs',
      '',
      'See [Consistent Hashing](consistent-hashing.md) and [the figures](./latency-numbers.md#the-figures).',
    ].join('\n');
    assert.equal(
      renderMarkdown(markdown),
      '<h2 id="key-trade-offs">Key Trade-offs</h2>\n' +
        '<p>See <a href="#" data-note-id="consistent-hashing">Consistent Hashing</a> and ' +
        '<a href="#" data-note-id="latency-numbers" data-note-fragment="the-figures">the figures</a>.</p>\n',
    );
  });

  test('duplicate headings get GitHub-style suffixes; inline code counts in the slug', () => {
    assert.equal(
      renderMarkdown('### Socket.IO\n\n### Socket.IO\n\n### The `ioredis` client'),
      '<h3 id="socketio">Socket.IO</h3>\n<h3 id="socketio-1">Socket.IO</h3>\n<h3 id="the-ioredis-client">The <code>ioredis</code> client</h3>\n',
    );
  });

  test('https links are marked external; in-page links stay; other links become plain spans', () => {
    assert.equal(
      renderMarkdown('[Redis](https://redis.io/docs/?a=1&b=2) [up](#problem) [old](http://example.com) [file](notes.txt)'),
      '<p><a href="https://redis.io/docs/?a=1&amp;b=2" data-external-link>Redis</a> <a href="#problem">up</a> ' +
        '<span class="sc-link-blocked">old</span> <span class="sc-link-blocked">file</span></p>\n',
    );
  });

  test('autolinks follow the same rules; bare URLs are not linkified', () => {
    assert.equal(
      renderMarkdown('<https://example.com/a> <http://example.com> https://example.org'),
      '<p><a href="https://example.com/a" data-external-link>https://example.com/a</a> ' +
        '<span class="sc-link-blocked">http://example.com</span> https://example.org</p>\n',
    );
  });

  test('images render as their alt text and never load', () => {
    assert.equal(
      renderMarkdown('![A *ring* of nodes](https://example.com/ring.png) ![](https://example.com/x.png)'),
      '<p><span class="sc-image">A ring of nodes</span> <span class="sc-image">image</span></p>\n',
    );
  });

  test('tables get a class, and alignment becomes a class instead of an inline style', () => {
    assert.equal(
      renderMarkdown('| Tier | ms |\n|:--|--:|\n| redis | 1–5 |'),
      '<table class="sc-table">\n<thead>\n<tr>\n<th class="sc-align-left">Tier</th>\n<th class="sc-align-right">ms</th>\n</tr>\n</thead>\n' +
        '<tbody>\n<tr>\n<td class="sc-align-left">redis</td>\n<td class="sc-align-right">1–5</td>\n</tr>\n</tbody>\n</table>\n',
    );
  });

  test('fenced code is escaped, with a language class and no highlighting', () => {
    assert.equal(
      renderMarkdown('```ts\nconst a = "<b>" && 1;\n```\n\n```\nplain\n```\n\n```"><script>\nx\n```\n\n    indented <i>\n'),
      '<pre><code class="language-ts">const a = &quot;&lt;b&gt;&quot; &amp;&amp; 1;\n</code></pre>\n' +
        '<pre><code>plain\n</code></pre>\n' +
        '<pre><code>x\n</code></pre>\n' +
        '<pre><code>indented &lt;i&gt;\n</code></pre>\n',
    );
  });

  test('ordinary Markdown renders as CommonMark, without typographer replacements', () => {
    assert.equal(
      renderMarkdown('- **bold** and *em* -- "quoted"\n- `code`\n\n> quote\n\n1. one\n2. ~~two~~'),
      '<ul>\n<li><strong>bold</strong> and <em>em</em> -- &quot;quoted&quot;</li>\n<li><code>code</code></li>\n</ul>\n' +
        '<blockquote>\n<p>quote</p>\n</blockquote>\n<ol>\n<li>one</li>\n<li><s>two</s></li>\n</ol>\n',
    );
  });

  test('raw HTML is shown as text', () => {
    assert.equal(
      renderMarkdown('<b>bold</b>\n\n<div onclick="x()">block</div>'),
      '<p>&lt;b&gt;bold&lt;/b&gt;</p>\n<p>&lt;div onclick=&quot;x()&quot;&gt;block&lt;/div&gt;</p>\n',
    );
  });

  test('renderNoteBody renders the body; its heading ids are the loader heading slugs', () => {
    const body = '## Problem\n\nText.\n\n## Mechanism\n\n### Express\n\n### Hand-rolled session maps\n\n## Mechanism\n';
    const { note } = parseNote(noteFile('a', {}, body), 'bundled');
    assert.ok(note);
    const html = renderNoteBody(note);
    const ids = [...html.matchAll(/ id="([^"]*)"/g)].map((match) => match[1]);
    assert.deepEqual(ids, ['problem', 'mechanism', 'express', 'hand-rolled-session-maps', 'mechanism-1']);
    assert.deepEqual(ids, note.headings.map((heading) => heading.slug));
  });

  test('escapeHtml escapes the five HTML-significant characters', () => {
    assert.equal(escapeHtml(`<a href="x" title='y'>&</a>`), '&lt;a href=&quot;x&quot; title=&#39;y&#39;&gt;&amp;&lt;/a&gt;');
  });
});

const XSS_CORPUS = [
  '<script>alert(1)</script>',
  '<SCRIPT SRC=https://evil.example/x.js></SCRIPT>',
  '<img src=x onerror=alert(1)>',
  '<svg onload=alert(1)><script>alert(1)</script></svg>',
  '<svg><a xlink:href="javascript:alert(1)"><text>x</text></a></svg>',
  '<style>body { display: none }</style>',
  '<iframe src="https://evil.example"></iframe>',
  '<details open ontoggle=alert(1)>x</details>',
  '<a href="javascript:alert(1)">x</a>',
  '<!-- <script>alert(1)</script> -->',
  '[x](javascript:alert(1))',
  '[x](JaVaScRiPt:alert(1))',
  '[x](javascript&#58;alert(1))',
  '[x](&#106;avascript:alert(1))',
  '[x](&#x6A;avascript&colon;alert(1))',
  '[x](%6Aavascript:alert(1))',
  '[x](<javascript:alert(1)>)',
  '[x]( javascript:alert(1) )',
  '[x](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)',
  '![x](data:image/svg+xml;base64,PHN2ZyBvbmxvYWQ9YWxlcnQoMSk+)',
  '![x" onerror="alert(1)](https://example.com/a.png)',
  '[x](vbscript:msgbox(1))',
  '[x](file:///etc/passwd)',
  '[x](command:workbench.action.terminal.new)',
  '[x](Command:workbench.action.terminal.new)',
  '[x](COMMAND:workbench.action.terminal.new)',
  '[x](c&#111;mmand:workbench.action.terminal.new)',
  '[x](command&#58;workbench.action.terminal.new)',
  '[x](vscode:extension/evil.extension)',
  '[x](vscode-insiders://evil)',
  '<javascript:alert(1)>',
  '<command:workbench.action.quit>',
  '[ref]\n\n[ref]: javascript:alert(1)',
  '[x](https://example.com/"onmouseover="alert(1))',
  '[x](https://example.com "title\\" onmouseover=\\"alert(1)")',
  '[x](#"><script>alert(1)</script>)',
  '[x](a.md#"><img src=x onerror=alert(1)>)',
  '## <img src=x onerror=alert(1)>',
  '| <script>alert(1)</script> | b |\n|---|---|\n| c | <style>x</style> |',
  '```"><script>alert(1)</script>\ncode\n```',
  '```\n</code></pre><script>alert(1)</script>\n```',
  '`<script>alert(1)</script>`',
  '&lt;script&gt;alert(1)&lt;/script&gt;',
  '<scr<script>ipt>alert(1)</script>',
  // Simulation directives (```statecraft-sim <kind>```): only a known kind alone renders a panel; everything else
  // must stay an escaped code block, with no attribute or markup from the info string or the body.
  '```statecraft-sim <script>alert(1)</script>\n```',
  '```statecraft-sim ring" onload="alert(1)\n```',
  "```statecraft-sim ring'><svg onload=alert(1)>\n```",
  '```statecraft-sim evil\n<img src=x onerror=alert(1)>\n```',
  '```statecraft-sim ring routing\n```',
  '```statecraft-sim\n<script>alert(1)</script>\n```',
  '~~~statecraft-sim __proto__\n~~~',
  '```statecraft-sim constructor\n```',
];

const ALLOWED_TAGS = new Set([
  'p', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'a', 'span', 'code', 'pre', 'em', 'strong', 's', 'ul', 'ol', 'li',
  'blockquote', 'table', 'thead', 'tbody', 'tr', 'th', 'td', 'hr', 'br',
]);
const ALLOWED_ATTRIBUTES = new Set(['href', 'id', 'class', 'data-note-id', 'data-note-fragment', 'data-external-link', 'start']);

describe('renderMarkdown: XSS corpus', () => {
  for (const input of XSS_CORPUS) {
    test(`nothing executable from ${JSON.stringify(input)}`, () => {
      const html = renderMarkdown(input);
      assert.doesNotMatch(html, /<script/i);
      assert.doesNotMatch(html, /<style/i);
      assert.doesNotMatch(html, /<(svg|img|iframe|details|object|embed|form|input|link|meta|base)\b/i);
      for (const tag of html.matchAll(/<\/?([a-zA-Z][a-zA-Z0-9-]*)([^>]*)>/g)) {
        assert.ok(ALLOWED_TAGS.has(tag[1].toLowerCase()), `tag <${tag[1]}> in ${html}`);
        for (const attribute of tag[2].matchAll(/([^\s=]+)(?:="([^"]*)")?/g)) {
          assert.ok(ALLOWED_ATTRIBUTES.has(attribute[1]), `attribute ${attribute[1]} in ${html}`);
          if (attribute[1] === 'href') {
            assert.match(attribute[2], /^(#|https:\/\/)/, `href ${attribute[2]} in ${html}`);
          }
        }
      }
      assert.doesNotMatch(html, /<[^>]*\son[a-z]+\s*=/i);
      assert.doesNotMatch(html, /href="\s*(javascript|data|vbscript|file|command|vscode)/i);
    });
  }

  test('the corpus covers the required attack families (guards against a shrinking corpus)', () => {
    assert.equal(XSS_CORPUS.length, 52);
    assert.equal(renderMarkdown('[x](c&#111;mmand:workbench.action.terminal.new)'), '<p><span class="sc-link-blocked">x</span></p>\n');
    assert.equal(renderMarkdown('[x](Command:workbench.action.terminal.new)'), '<p><span class="sc-link-blocked">x</span></p>\n');
    assert.equal(renderMarkdown('[x](javascript:alert(1))'), '<p><span class="sc-link-blocked">x</span></p>\n');
    assert.equal(
      renderMarkdown('<img src=x onerror=alert(1)>'),
      '<p>&lt;img src=x onerror=alert(1)&gt;</p>\n',
    );
  });
});
