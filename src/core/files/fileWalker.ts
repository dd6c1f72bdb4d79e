// The one walker over folders of source files, shared by `statecraft scan` and the editor's workspace audit. It
// decides what is looked at the way git does: every .gitignore from the repository root (the nearest ancestor
// holding a .git entry) down to each folder applies, deeper files overriding shallower ones (`!pattern` re-includes);
// a folder that is ignored is not entered. node_modules, .git, .hg and .svn are always skipped; symbolic links are
// never followed (no loops). Iterative, with an explicit stack: deep trees cannot overflow the call stack.
// Library: `ignore` implements gitignore's own matching rules (negation, anchoring, directory patterns).

import ignore, { type Ignore } from 'ignore';
import type { FileSystem } from '../ports';

/** Folders never entered, whatever .gitignore says. */
export const ALWAYS_SKIPPED_DIRECTORIES: ReadonlySet<string> = new Set(['node_modules', '.git', '.hg', '.svn']);

/** A file the walk found: its host path and its path relative to the walked folder, with `/`. */
export interface WalkedFile {
  readonly path: string;
  readonly relative: string;
}

export interface WalkOptions {
  /**
   * Whether a file is wanted, given its host path (e.g. `mayBeAnalysed` of the file-kind table, which reads the base
   * name and the parent folder: nginx files in `sites-available/` have no extension).
   */
  readonly include: (path: string) => boolean;
  /** Extra exclusions by host path (the CLI's `--exclude` globs); an excluded folder is not entered. */
  readonly isExcluded?: (path: string, isDirectory: boolean) => boolean;
  /** Called with a folder that could not be read and the error; the walk goes on. */
  readonly onError?: (directory: string, error: unknown) => void;
  /** Polled between folders: the walk ends early once it returns true. */
  readonly isCancelled?: () => boolean;
}

interface IgnoreLayer {
  /** The folder holding the .gitignore, relative to the walk's base (the repository root or the walked folder). */
  readonly directory: string;
  readonly rules: Ignore;
}

/**
 * Yields the wanted files under `root` (a folder), folder by folder, depth-first; each folder's files come out
 * together, in the order the file system listed them.
 */
export async function* walkFiles(fs: FileSystem, root: string, options: WalkOptions): AsyncGenerator<WalkedFile> {
  const { layers: ancestorLayers, rootRelative } = await ancestorIgnoreLayers(fs, root);
  const under = (prefix: string, name: string) => (prefix === '' ? name : `${prefix}/${name}`);
  const stack: Array<{ directory: string; relative: string; layers: readonly IgnoreLayer[] }> = [{ directory: root, relative: '', layers: ancestorLayers }];
  while (stack.length > 0) {
    if (options.isCancelled?.()) {
      return;
    }
    const { directory, relative, layers: parentLayers } = stack.pop()!;
    const fromBase = under(rootRelative, relative);
    const own = await readIgnoreLayer(fs, directory, fromBase);
    const layers = own ? [...parentLayers, own] : parentLayers;
    let entries;
    try {
      entries = await fs.readDirectory(directory);
    } catch (error) {
      options.onError?.(directory, error);
      continue;
    }
    const files: WalkedFile[] = [];
    for (const entry of entries) {
      const path = fs.join(directory, entry.name);
      if (entry.type === 'directory') {
        if (ALWAYS_SKIPPED_DIRECTORIES.has(entry.name) || isIgnored(layers, under(fromBase, entry.name), true) || options.isExcluded?.(path, true)) {
          continue;
        }
        stack.push({ directory: path, relative: under(relative, entry.name), layers });
      } else if (entry.type === 'file') {
        if (!options.include(path) || isIgnored(layers, under(fromBase, entry.name), false) || options.isExcluded?.(path, false)) {
          continue;
        }
        files.push({ path, relative: under(relative, entry.name) });
      }
    }
    yield* files;
  }
}

async function readIgnoreLayer(fs: FileSystem, directory: string, relative: string): Promise<IgnoreLayer | undefined> {
  try {
    const content = new TextDecoder().decode(await fs.readFile(fs.join(directory, '.gitignore')));
    return { directory: relative, rules: ignore().add(content) };
  } catch {
    return undefined;
  }
}

/**
 * The .gitignore layers above `root`, from the repository root down, and `root`'s path relative to that repository
 * root. Outside a repository (or at its root) there are none, and the walked folder is the base.
 */
async function ancestorIgnoreLayers(fs: FileSystem, root: string): Promise<{ layers: IgnoreLayer[]; rootRelative: string }> {
  if (await fs.stat(fs.join(root, '.git'))) {
    return { layers: [], rootRelative: '' };
  }
  // Climb to the repository root, noting each folder and the names leading back down to `root`.
  const ancestors: string[] = [];
  const names: string[] = [];
  for (let step = fs.parent(root); step !== undefined; step = fs.parent(step.directory)) {
    names.unshift(step.name);
    ancestors.push(step.directory);
    if (await fs.stat(fs.join(step.directory, '.git'))) {
      const layers: IgnoreLayer[] = [];
      // From the repository root down: ancestors[i] lies (ancestors.length - 1 - i) names below it.
      for (let index = ancestors.length - 1; index >= 0; index--) {
        const layer = await readIgnoreLayer(fs, ancestors[index], names.slice(0, ancestors.length - 1 - index).join('/'));
        if (layer) {
          layers.push(layer);
        }
      }
      return { layers, rootRelative: names.join('/') };
    }
  }
  return { layers: [], rootRelative: '' };
}

/** True when the .gitignore layers ignore a path relative to the walk's base (deeper layers override). */
function isIgnored(layers: readonly IgnoreLayer[], relative: string, isDirectory: boolean): boolean {
  let ignored = false;
  for (const layer of layers) {
    if (layer.directory !== '' && !relative.startsWith(`${layer.directory}/`)) {
      continue;
    }
    const own = layer.directory === '' ? relative : relative.slice(layer.directory.length + 1);
    const verdict = layer.rules.test(isDirectory ? `${own}/` : own);
    if (verdict.ignored) {
      ignored = true;
    } else if (verdict.unignored) {
      ignored = false;
    }
  }
  return ignored;
}
