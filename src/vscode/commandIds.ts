// Every command id in one place. A unit test checks package.json against this map: each contributed command has
// a handler here, internal ones are hidden from the palette, and every view id exists. Model: Error Lens src/commands.ts.

export const CommandIds = {
  searchNotes: 'statecraft.searchNotes',
  recommendPlacement: 'statecraft.recommendPlacement',
  openNote: 'statecraft.openNote',
  openNoteToSide: 'statecraft.openNoteToSide',
  markStudied: 'statecraft.markStudied',
  markUnstudied: 'statecraft.markUnstudied',
  addBookmark: 'statecraft.addBookmark',
  removeBookmark: 'statecraft.removeBookmark',
  copyNoteLink: 'statecraft.copyNoteLink',
  groupByPriority: 'statecraft.groupByPriority',
  groupByCategory: 'statecraft.groupByCategory',
  hideStudied: 'statecraft.hideStudied',
  showStudied: 'statecraft.showStudied',
  refreshNotes: 'statecraft.refreshNotes',
  resetProgress: 'statecraft.resetProgress',
  listSuppressions: 'statecraft.listSuppressions',
  ignoreFinding: 'statecraft.ignoreFinding',
  explainFinding: 'statecraft.explainFinding',
  openHintSample: 'statecraft.openHintSample',
  scanWorkspace: 'statecraft.scanWorkspace',
  exportSarif: 'statecraft.exportSarif',
  auditWhy: 'statecraft.auditWhy',
  auditRecommend: 'statecraft.auditRecommend',
  auditIgnore: 'statecraft.auditIgnore',
  openDecisionRecord: 'statecraft.openDecisionRecord',
  supersedeDecision: 'statecraft.supersedeDecision',
  refreshDecisions: 'statecraft.refreshDecisions',
  practise: 'statecraft.practise',
  practiseCard: 'statecraft.practiseCard',
} as const;

/** Commands that take arguments from a tree item, CodeLens or webview: hidden from the Command Palette. */
export const InternalCommandIds: readonly string[] = [
  CommandIds.openNote,
  CommandIds.openNoteToSide,
  CommandIds.markStudied,
  CommandIds.markUnstudied,
  CommandIds.addBookmark,
  CommandIds.removeBookmark,
  CommandIds.copyNoteLink,
  CommandIds.groupByPriority,
  CommandIds.groupByCategory,
  CommandIds.hideStudied,
  CommandIds.showStudied,
  CommandIds.ignoreFinding,
  CommandIds.explainFinding,
  CommandIds.auditWhy,
  CommandIds.auditRecommend,
  CommandIds.auditIgnore,
  CommandIds.openDecisionRecord,
  CommandIds.supersedeDecision,
  CommandIds.practiseCard,
];

export const ViewIds = {
  container: 'statecraft',
  notes: 'statecraft.notes',
  bookmarks: 'statecraft.bookmarks',
  sessionState: 'statecraft.sessionState',
  decisions: 'statecraft.decisions',
  practice: 'statecraft.practice',
} as const;

export const WebviewTypes = {
  note: 'statecraft.note',
  recommendation: 'statecraft.recommendation',
  practice: 'statecraft.practice',
} as const;

/** Context keys used in package.json `when` clauses. */
export const ContextKeys = {
  notesLoaded: 'statecraft.notesLoaded',
  groupBy: 'statecraft.groupBy',
  hideStudied: 'statecraft.hideStudied',
} as const;
