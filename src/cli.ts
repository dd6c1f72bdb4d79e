// The `statecraft` CLI: a second thin face over the same core the extension uses. It only parses the command
// name, wires the node:fs-backed pieces, and turns errors into exit codes (0 ok, 1 findings/invalid, 2 usage/IO).
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as l10n from '@vscode/l10n';
import { ExitCode, InputError, packageVersion, UsageError, type CliIo } from './cli/cliIo';
import { loadCatalogFile, loadCatalogFromContentFolder } from './cli/contentFolder';
import { runNotesCheckCommand } from './cli/notesCheckCommand';
import { runRecommendCommand } from './cli/recommendCommand';
import { runScanCommand } from './cli/scanCommand';
import { runSearchCommand } from './cli/searchCommand';
import { runSimulateCommand } from './cli/simulateCommand';

/** The help text: command syntax lines stay as they are (flags and values are typed literally); the prose is translated. */
function usage(): string {
  return [
    l10n.t({ message: 'Usage: statecraft <command> [options]', comment: ['statecraft is the program name (not translated)'] }),
    '',
    l10n.t({ message: 'Commands:', comment: ['Heading of the list of CLI commands in the help text'] }),
    '  scan <paths...> [--format text|json|sarif|gitlab|github] [--baseline <file>] [--fail-on <level>] ...',
    `      ${l10n.t('Find in-memory session state in server code. Exit 0: none, 1: findings, 2: usage or I/O error.')}`,
    '  recommend --latency-budget-ms <n> --accesses-per-request <n> --instances <n> --runtime server|serverless',
    '            --loss none|rebuildable|acceptable --shared yes|no --client-can-carry yes|no [--json | --adr]',
    `      ${l10n.t('Recommend where a service should keep its state, with the reasons and latency arithmetic.')}`,
    '  search "<query>" [--json] [--limit N]',
    `      ${l10n.t('Search the bundled reference notes.')}`,
    '  simulate ring --nodes N [--vnodes V] [--keys K] [--add A | --remove R] [--seed S] [--json]',
    '  simulate sticky --instances N --sessions S --fail F [--json]',
    `      ${l10n.t('Simulate consistent hashing against modulo hashing, or sessions over instances with and without affinity.')}`,
    '  notes check <folder>',
    `      ${l10n.t('Validate a folder of notes. Exit 0: all valid, 1: some invalid, 2: usage error.')}`,
    '',
    l10n.t({ message: 'Options:', comment: ['Heading of the list of CLI options in the help text'] }),
    `  -h, --help       ${l10n.t('Show this help.')}`,
    `  -v, --version    ${l10n.t('Show the version.')}`,
    '',
  ].join('\n');
}

/** The bundled catalog next to this script (dist/catalog.json); from source, built from content/ on the fly. */
function bundledCatalog() {
  const built = path.join(__dirname, 'catalog.json');
  if (fs.existsSync(built)) return loadCatalogFile(built);
  return loadCatalogFromContentFolder(path.join(__dirname, '..', 'content'));
}

function isBundledContentFolder(folder: string | undefined, cwd: string): boolean {
  if (!folder) return false;
  const target = path.resolve(cwd, folder);
  return [path.join(__dirname, '..', 'content'), path.join(__dirname, 'content')].some((bundled) => path.resolve(bundled) === target);
}

export async function main(argv: readonly string[], io: CliIo): Promise<number> {
  const [command, ...rest] = argv;
  try {
    switch (command) {
      case 'scan':
        return await runScanCommand([...rest], io);
      case 'recommend':
        return await runRecommendCommand([...rest], io);
      case 'search':
        return await runSearchCommand([...rest], io, bundledCatalog);
      case 'simulate':
        return await runSimulateCommand([...rest], io);
      case 'notes':
        if (rest[0] !== 'check') {
          throw new UsageError(l10n.t({ message: 'unknown notes subcommand "{0}"; expected "notes check <folder>"', args: [rest[0] ?? ''], comment: ['{0} is what the user typed after "notes"; notes check <folder> is the command syntax (not translated)'] }));
        }
        return await runNotesCheckCommand(rest.slice(1), io, {
          // A user's folder may link to and relate to the bundled notes; the bundled folder itself is checked alone.
          linkAgainst: isBundledContentFolder(rest[1], io.cwd) ? undefined : async () => (await bundledCatalog()).notes,
        });
      case '-v':
      case '--version':
        io.stdout(`${packageVersion()}\n`);
        return ExitCode.ok;
      case undefined:
      case '-h':
      case '--help':
      case 'help':
        (command === undefined ? io.stderr : io.stdout)(usage());
        return command === undefined ? ExitCode.usage : ExitCode.ok;
      default:
        throw new UsageError(l10n.t({ message: 'unknown command "{0}"; expected scan, recommend, search, simulate or notes check', args: [command], comment: ['{0} is what the user typed; scan, recommend, search, simulate and notes check are command names (not translated)'] }));
    }
  } catch (error) {
    if (error instanceof UsageError) {
      io.stderr(`statecraft: ${error.message}\n${l10n.t('Run "statecraft --help" for usage.')}\n`);
      return ExitCode.usage;
    }
    if (error instanceof InputError) {
      io.stderr(`statecraft: ${error.message}\n`);
      return ExitCode.usage;
    }
    const details = error instanceof Error ? error.stack ?? error.message : String(error);
    io.stderr(`statecraft: ${l10n.t({ message: 'unexpected error: {0}', args: [details], comment: ['{0} is the error and its stack trace (in English)'] })}\n`);
    return ExitCode.usage;
  }
}

if (require.main === module) {
  const io: CliIo = {
    stdout: (text) => process.stdout.write(text),
    stderr: (text) => process.stderr.write(text),
    cwd: process.cwd(),
    stderrIsTTY: process.stderr.isTTY === true,
  };
  main(process.argv.slice(2), io).then(
    (code) => {
      process.exitCode = code;
    },
    (error: unknown) => {
      process.stderr.write(`statecraft: ${String(error)}\n`);
      process.exitCode = ExitCode.usage;
    },
  );
}
