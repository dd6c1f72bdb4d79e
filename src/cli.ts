// The `statecraft` CLI: a second thin face over the same core the extension uses. It only parses the command
// name, wires the node:fs-backed pieces, and turns errors into exit codes (0 ok, 1 findings/invalid, 2 usage/IO).
import * as fs from 'node:fs';
import * as path from 'node:path';
import { ExitCode, InputError, UsageError, type CliIo } from './cli/cliIo';
import { loadCatalogFile, loadCatalogFromContentFolder } from './cli/contentFolder';
import { runNotesCheckCommand } from './cli/notesCheckCommand';
import { runRecommendCommand } from './cli/recommendCommand';
import { runScanCommand } from './cli/scanCommand';
import { runSearchCommand } from './cli/searchCommand';

const USAGE = `Usage: statecraft <command> [options]

Commands:
  scan <paths...> [--format text|json|sarif] [--exclude <glob>]...
      Find in-memory session state in server code. Exit 0: none, 1: findings, 2: usage or I/O error.
  recommend --latency-budget-ms <n> --accesses-per-request <n> --instances <n> --runtime server|serverless
            --loss none|rebuildable|acceptable --shared yes|no --client-can-carry yes|no [--json | --adr]
      Recommend where a service should keep its state, with the reasons and latency arithmetic.
  search "<query>" [--json] [--limit N]
      Search the bundled reference notes.
  notes check <folder>
      Validate a folder of notes. Exit 0: all valid, 1: some invalid, 2: usage error.

Options:
  -h, --help       Show this help.
  -v, --version    Show the version.
`;

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

function version(): string {
  for (const candidate of [path.join(__dirname, '..', 'package.json')]) {
    try {
      return (JSON.parse(fs.readFileSync(candidate, 'utf8')) as { version: string }).version;
    } catch {
      // fall through
    }
  }
  return 'unknown';
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
      case 'notes':
        if (rest[0] !== 'check') throw new UsageError(`unknown notes subcommand "${rest[0] ?? ''}"; expected "notes check <folder>"`);
        return await runNotesCheckCommand(rest.slice(1), io, {
          // A user's folder may link to and relate to the bundled notes; the bundled folder itself is checked alone.
          linkAgainst: isBundledContentFolder(rest[1], io.cwd) ? undefined : async () => (await bundledCatalog()).notes,
        });
      case '-v':
      case '--version':
        io.stdout(`${version()}\n`);
        return ExitCode.ok;
      case undefined:
      case '-h':
      case '--help':
      case 'help':
        (command === undefined ? io.stderr : io.stdout)(USAGE);
        return command === undefined ? ExitCode.usage : ExitCode.ok;
      default:
        throw new UsageError(`unknown command "${command}"; expected scan, recommend, search or notes check`);
    }
  } catch (error) {
    if (error instanceof UsageError) {
      io.stderr(`statecraft: ${error.message}\nRun "statecraft --help" for usage.\n`);
      return ExitCode.usage;
    }
    if (error instanceof InputError) {
      io.stderr(`statecraft: ${error.message}\n`);
      return ExitCode.usage;
    }
    io.stderr(`statecraft: unexpected error: ${error instanceof Error ? error.stack ?? error.message : String(error)}\n`);
    return ExitCode.usage;
  }
}

if (require.main === module) {
  const io: CliIo = {
    stdout: (text) => process.stdout.write(text),
    stderr: (text) => process.stderr.write(text),
    cwd: process.cwd(),
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
