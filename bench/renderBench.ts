// Note rendering: ms per note for the largest bundled note with the viewer's renderer (renderNoteBody: markdown-it
// plus link classification, heading ids and the safe rules), against plain markdown-it with the same parser options
// on the same text in the same loop: the ratio is the cost of the safety rules.
import * as fs from 'node:fs';
import * as path from 'node:path';
import MarkdownIt from 'markdown-it';
import { readCatalog } from '../src/core/catalog/bundledCatalog';
import { renderNoteBody } from '../src/core/render/markdownRenderer';
import type { BenchOptions } from './options';
import { fmtRate, msRow, speedRatio, valueRow, type PartResult } from './report';
import { summarize, timeMs } from './stats';

const SECTION = 'Note rendering (Node, markdown-it)';

export function renderBench(options: BenchOptions): PartResult {
  const catalog = readCatalog(fs.readFileSync(path.join(options.extensionDir, 'dist', 'catalog.json'), 'utf8'));
  const note = [...catalog.notes].sort((a, b) => b.body.length - a.body.length)[0];
  const plain = new MarkdownIt({ html: false, linkify: false, typographer: false });
  const bytes = Buffer.byteLength(note.body);
  for (let i = 0; i < 5; i++) {
    renderNoteBody(note);
    plain.render(note.body);
  }
  const ours: number[] = [];
  const peer: number[] = [];
  for (let rep = 0; rep < (options.quick ? 15 : 60); rep++) {
    ours.push(timeMs(() => renderNoteBody(note)));
    peer.push(timeMs(() => plain.render(note.body)));
  }
  const oursSummary = summarize(ours);
  const peerSummary = summarize(peer);
  const rate = bytes / 1024 / 1024 / (oursSummary.median / 1000);
  return {
    rows: [
      msRow(SECTION, `largest note "${note.id}" (${(bytes / 1024).toFixed(1)} KB): renderNoteBody per note`, oursSummary, {
        ratio: speedRatio(oursSummary.median, peerSummary.median, 'plain markdown-it'),
      }),
      valueRow(SECTION, 'renderNoteBody throughput', fmtRate(rate), { ratio: `plain markdown-it ${fmtRate(bytes / 1024 / 1024 / (peerSummary.median / 1000))}` }),
    ],
    details: { note: note.id, bytes, renderNoteBody: oursSummary, plainMarkdownIt: peerSummary, mbPerSecond: rate },
  };
}
