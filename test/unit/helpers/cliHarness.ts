// Runs a CLI command in-process the way the dispatcher (src/cli.ts) does: UsageError and InputError become exit
// code 2 with the message on stderr and nothing more on stdout.

import { InputError, UsageError, type CliIo } from '../../../src/cli/cliIo';

/** What a command run produced. */
export interface CliRun {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
  /** The class name of the error the command threw, if any. */
  readonly error?: string;
}

/** Calls `command` with a capturing CliIo rooted at `cwd`. */
export async function runCli(command: (io: CliIo) => Promise<number>, cwd = process.cwd()): Promise<CliRun> {
  let stdout = '';
  let stderr = '';
  const io: CliIo = {
    cwd,
    stdout: (text) => {
      stdout += text;
    },
    stderr: (text) => {
      stderr += text;
    },
  };
  try {
    const code = await command(io);
    return { code, stdout, stderr };
  } catch (error) {
    if (error instanceof UsageError || error instanceof InputError) {
      return { code: 2, stdout, stderr: `${stderr}${error.message}\n`, error: error.constructor.name };
    }
    throw error;
  }
}
