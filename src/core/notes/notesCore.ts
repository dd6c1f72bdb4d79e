// The notes features the editor loads on first use, behind one entry: the Node extension host loads them as ONE
// lazily required bundle (scripts/build.mjs), instead of one per module each carrying its own YAML and markdown-it.
export { linkNotes, parseNotes } from './noteLoader';
export { readNoteFiles } from './noteFiles';
export { readCatalog } from '../catalog/bundledCatalog';
export { SearchIndexCache } from '../search/searchIndexCache';
