// The GitHub Action (action.yml at the repository root runs the bundle of this file, dist/action.js, on node24): a
// third thin face over the same `statecraft scan`. It turns the action's inputs into scan options, always writes the
// SARIF file that `github/codeql-action/upload-sarif` uploads, and publishes the outputs. It calls the scan command
// itself rather than cli.ts: in one bundle, cli.ts's own "run when main" guard would be true as well.
//
// The runner passes input `x-y` as the environment variable `INPUT_X-Y` (upper-cased, spaces to underscores, hyphens
// kept) and reads outputs from the file named by GITHUB_OUTPUT (docs.github.com, "Metadata syntax for GitHub
// Actions" and "Workflow commands"). Exit code: the scan's (0 clean or only findings below `fail-on`, 1 findings that
// fail, 2 usage or I/O error); the runner fails the step on anything but 0.

import { randomUUID } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as l10n from '@vscode/l10n';
import { ExitCode, InputError, type CliIo } from './cli/cliIo';
import { runScanCommand } from './cli/scanCommand';

/** The action's inputs, as action.yml declares them (defaults repeated here for runs outside the runner). */
export interface ActionInputs {
  readonly paths: string[];
  readonly format: string;
  readonly baseline: string;
  readonly failOn: string;
  readonly sarifFile: string;
  /** `--jobs`: `auto` (one analysis per core of the runner) or a positive whole number. */
  readonly jobs: string;
}

export function readInputs(env: NodeJS.ProcessEnv): ActionInputs {
  const input = (name: string) => (env[`INPUT_${name.replace(/ /g, '_').toUpperCase()}`] ?? '').trim();
  const paths = input('paths').split(/\r?\n/).map((line) => line.trim()).filter(Boolean);
  return {
    paths: paths.length > 0 ? paths : ['.'],
    format: input('format') || 'text',
    baseline: input('baseline'),
    failOn: input('fail-on') || 'note',
    sarifFile: input('sarif-file') || 'statecraft.sarif',
    jobs: input('jobs') || 'auto',
  };
}

/** The `statecraft scan` arguments (after "scan") for these inputs. Paths come one per line, so a path may contain spaces. */
export function scanArguments(inputs: ActionInputs): string[] {
  return [
    '--format', inputs.format,
    '--fail-on', inputs.failOn,
    '--sarif-file', inputs.sarifFile,
    '--jobs', inputs.jobs,
    ...(inputs.baseline ? ['--baseline', inputs.baseline] : []),
    '--',
    ...inputs.paths,
  ];
}

/** Appends outputs to the GITHUB_OUTPUT file, in the multi-line form with a random delimiter (safe for any value). */
function setOutputs(file: string | undefined, outputs: Record<string, string>, io: CliIo): void {
  const lines = Object.entries(outputs).map(([name, value]) => {
    const delimiter = `statecraft_${randomUUID()}`;
    return `${name}<<${delimiter}\n${value}\n${delimiter}\n`;
  });
  if (file) fs.appendFileSync(file, lines.join(''));
  else io.stderr(`statecraft action: ${l10n.t('GITHUB_OUTPUT is not set; outputs: {0}', JSON.stringify(outputs))}\n`);
}

/** Runs the action; returns the exit code. */
export async function runAction(env: NodeJS.ProcessEnv, io: CliIo): Promise<number> {
  const inputs = readInputs(env);
  const sarifPath = path.resolve(io.cwd, inputs.sarifFile);
  // A SARIF file left by an earlier step must not be counted (or uploaded) as this scan's.
  fs.rmSync(sarifPath, { force: true });
  let code: number;
  try {
    code = await runScanCommand(scanArguments(inputs), io);
  } catch (error) {
    if (!(error instanceof InputError)) throw error;
    io.stderr(`statecraft scan: ${error.message}\n`);
    code = ExitCode.usage;
  }
  let findings: number | undefined;
  try {
    const log = JSON.parse(fs.readFileSync(sarifPath, 'utf8')) as { runs: Array<{ results: unknown[] }> };
    findings = log.runs.reduce((sum, run) => sum + run.results.length, 0);
  } catch {
    // the scan stopped before writing it (usage or I/O error, already reported on stderr)
  }
  if (findings !== undefined) {
    setOutputs(env.GITHUB_OUTPUT, { findings: String(findings), 'sarif-file': sarifPath }, io);
  }
  if (code === ExitCode.findings) {
    // A workflow command: the runner shows it as an error annotation on the run's summary page.
    const message = inputs.baseline
      ? l10n.t('Statecraft reported findings that are not in the baseline, at or above "{0}". See the log above or the code scanning alerts.', inputs.failOn)
      : l10n.t('Statecraft reported findings at or above "{0}". See the log above or the code scanning alerts.', inputs.failOn);
    io.stdout(`::error title=statecraft::${message}\n`);
  }
  return code;
}

if (require.main === module) {
  const io: CliIo = {
    stdout: (text) => process.stdout.write(text),
    stderr: (text) => process.stderr.write(text),
    cwd: process.cwd(),
  };
  runAction(process.env, io).then(
    (code) => {
      process.exitCode = code;
    },
    (error: unknown) => {
      process.stderr.write(`statecraft action: ${String(error)}\n`);
      process.exitCode = ExitCode.usage;
    },
  );
}
