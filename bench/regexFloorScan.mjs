// The regex floor of the large-tree bench: the least any scan must do. Walks the folder given (skipping folders named
// node_modules, .git, .hg and .svn, not following links, as `statecraft scan` does), reads every file whose ending
// the analyzer handles and runs one regular expression over it; prints the number of files read.
import fs from 'node:fs';
import path from 'node:path';

const ENDINGS = /\.(js|jsx|mjs|cjs|ts|mts|cts|tsx|py|java|go|cs|php|rb)$/i;
const SKIPPED = new Set(['node_modules', '.git', '.hg', '.svn']);
const TRIGGER = /session|socket|Map\(|dict\(|cache/g;

let files = 0;
let hits = 0;
const stack = [path.resolve(process.argv[2] ?? '.')];
while (stack.length > 0) {
  const directory = stack.pop();
  for (const entry of fs.readdirSync(directory, { withFileTypes: true })) {
    const full = path.join(directory, entry.name);
    if (entry.isDirectory()) {
      if (!SKIPPED.has(entry.name)) stack.push(full);
    } else if (entry.isFile() && ENDINGS.test(entry.name)) {
      hits += (fs.readFileSync(full, 'utf8').match(TRIGGER) ?? []).length;
      files++;
    }
  }
}
process.stdout.write(`${files}\n`);
process.stderr.write(`${hits} trigger words\n`);
