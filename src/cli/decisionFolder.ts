// Where `statecraft scan` finds decision records, and how it judges a file's findings against them. The matching is
// the core's (core/decisions/drift.ts); this file only finds folders and reads files. Folders: `--decisions <dir>`
// when given, else `docs/adr` under each scanned root and under the git root above it. Scope globs in a record are
// relative to the folder that holds `docs/adr` (the repository root), or to the git root (else the current
// directory) for a `--decisions` folder.

import * as fs from 'node:fs';
import * as path from 'node:path';
import { readDecisionRecord, type DecisionRecord, type RecordProblem } from '../core/decisions/decisionRecord';
import { applyDecisions } from '../core/decisions/drift';
import type { Finding } from '../core/analyzer/types';

/** The default decisions folder, as the editor's `statecraft.decisions.folder` default. */
export const DEFAULT_DECISIONS_FOLDER = 'docs/adr';

/** The records of one folder, with the directory their scope globs are relative to. */
interface DecisionSet {
  readonly base: string;
  readonly records: readonly DecisionRecord[];
}

/** Judges one file's findings; returns them unchanged when no record governs them. */
export type DecisionJudge = (absoluteFile: string, findings: readonly Finding[]) => Finding[];

export interface LoadedDecisions {
  readonly judge: DecisionJudge;
  /** Records whose front matter cannot be used, with the line to point at. */
  readonly problems: readonly RecordProblem[];
  readonly recordCount: number;
}

function toPosix(relative: string): string {
  return relative.split(path.sep).join('/');
}

function gitRootOf(start: string): string | undefined {
  for (let current = start; ; current = path.dirname(current)) {
    if (fs.existsSync(path.join(current, '.git'))) return current;
    if (path.dirname(current) === current) return undefined;
  }
}

async function isDirectory(candidate: string): Promise<boolean> {
  try {
    return (await fs.promises.stat(candidate)).isDirectory();
  } catch {
    return false;
  }
}

async function readFolder(folder: string, cwd: string, problems: RecordProblem[]): Promise<DecisionRecord[]> {
  const names = (await fs.promises.readdir(folder)).filter((name) => name.toLowerCase().endsWith('.md')).sort();
  const records: DecisionRecord[] = [];
  for (const name of names) {
    const absolute = path.join(folder, name);
    const shown = toPosix(path.relative(cwd, absolute)) || name;
    let text: string;
    try {
      text = await fs.promises.readFile(absolute, 'utf8');
    } catch (error) {
      problems.push({ path: shown, message: (error as NodeJS.ErrnoException).code ?? String(error), line: 0 });
      continue;
    }
    const result = readDecisionRecord(shown, text);
    if (result.kind === 'record') records.push(result.record);
    else if (result.kind === 'problem') problems.push(result.problem);
  }
  return records;
}

/**
 * Finds and reads the decision folders for a scan of `roots` (absolute; a file root counts as its directory).
 * `explicit` is `--decisions <dir>` (relative to `cwd`); a missing explicit folder is an error the caller reports.
 */
export async function loadDecisions(roots: readonly { absolute: string; isDirectory: boolean }[], cwd: string, explicit?: string): Promise<LoadedDecisions> {
  const problems: RecordProblem[] = [];
  const folders = new Map<string, string>(); // folder → base
  if (explicit !== undefined) {
    const folder = path.resolve(cwd, explicit);
    if (!(await isDirectory(folder))) throw new Error(folder);
    folders.set(folder, gitRootOf(folder) ?? cwd);
  } else {
    for (const root of roots) {
      const directory = root.isDirectory ? root.absolute : path.dirname(root.absolute);
      for (const base of [directory, gitRootOf(directory)]) {
        if (base === undefined) continue;
        const folder = path.join(base, ...DEFAULT_DECISIONS_FOLDER.split('/'));
        if (!folders.has(folder) && (await isDirectory(folder))) folders.set(folder, base);
      }
    }
  }
  const sets: DecisionSet[] = [];
  for (const [folder, base] of folders) sets.push({ base, records: await readFolder(folder, cwd, problems) });
  // Deepest base first: a record next to the code speaks before one at the repository root; a finding judged once
  // is never judged again (applyDecisions leaves it alone).
  sets.sort((a, b) => b.base.length - a.base.length);
  const judge: DecisionJudge = (absoluteFile, findings) => {
    let judged = [...findings];
    for (const set of sets) {
      const relative = path.relative(set.base, absoluteFile);
      if (relative.startsWith('..') || path.isAbsolute(relative)) continue;
      judged = applyDecisions(judged, toPosix(relative), set.records);
    }
    return judged;
  };
  return { judge, problems, recordCount: sets.reduce((sum, set) => sum + set.records.length, 0) };
}
