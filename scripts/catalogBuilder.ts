// Build step (run by scripts/build.mjs through tsx): reads content/*.md and produces dist/catalog.json with the
// same loader the extension and the CLI use, so an invalid bundled note fails the build instead of shipping.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { buildCatalog, type Catalog } from '../src/core/notes/bundledCatalog';
import type { NoteProblem } from '../src/core/notes/note';
import { isError } from '../src/core/notes/noteValidator';

export function buildCatalogFromFolder(folder: string): { catalog: Catalog; problems: NoteProblem[] } {
  const files = fs
    .readdirSync(folder)
    .filter((name) => name.endsWith('.md'))
    .sort()
    .map((name) => ({ path: `content/${name}`, bytes: new Uint8Array(fs.readFileSync(path.join(folder, name))) }));
  const catalog = buildCatalog(files);
  return { catalog, problems: catalog.problems.filter(isError) };
}
