// Reads the extension host's own activation records as "Developer: Startup Performance" prints them (its
// "Extension Activation Stats" Markdown table: Load Code, Call Activate and Finish Activate per extension, in ms).
// Shared by the in-host bench (which reads the view's text document) and the VSIX runs (which copy its text).

export interface ActivationRecord {
  readonly extension: string;
  readonly eager: boolean;
  /** Time from the host starting to load the extension's code until `require` returned (ms). */
  readonly loadCode: number;
  /** Time of the synchronous part of `activate()` (ms). */
  readonly callActivate: number;
  /** Time until the promise `activate()` returned settled (ms). */
  readonly finishActivate: number;
  readonly event: string;
}

export function parseActivationStats(text: string): ActivationRecord[] {
  const start = text.indexOf('## Extension Activation Stats');
  if (start < 0) return [];
  const records: ActivationRecord[] = [];
  for (const line of text.slice(start).split('\n').slice(1)) {
    if (line.startsWith('## ')) break;
    const cells = line.split('|').map((cell) => cell.trim());
    if (cells.length < 8 || !/^\d+$/.test(cells[3])) continue;
    records.push({
      extension: cells[1],
      eager: cells[2] === 'true',
      loadCode: Number(cells[3]),
      callActivate: Number(cells[4]),
      finishActivate: Number(cells[5]),
      event: cells[6],
    });
  }
  return records;
}
