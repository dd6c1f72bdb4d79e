// ESLint formatter for the large-tree bench: prints only how many files ESLint linted, so the bench reads one
// number instead of a report of every message in tens of thousands of files.
module.exports = (results) => `${results.length}\n`;
