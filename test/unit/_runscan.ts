import { runScanCommand } from '../../src/cli/scanCommand';
runScanCommand(process.argv.slice(2), { stdout: (t) => process.stdout.write(t), stderr: (t) => process.stderr.write('ERR ' + t), cwd: process.cwd() }).then((c) => console.log('exit', c));
