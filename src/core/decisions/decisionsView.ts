// What the Decisions view shows for each record, decided here so the tree provider only maps rows to tree items.

import * as l10n from '@vscode/l10n';
import type { DecisionRecord, RecordStatus } from './decisionRecord';

export interface DecisionRow {
  /** The record's path, the row's stable id. */
  readonly id: string;
  readonly label: string;
  readonly description: string;
  readonly tooltip: string;
  readonly status: RecordStatus;
  /** Accepted and proposed records can be superseded; superseded, rejected and deprecated ones are history. */
  readonly canSupersede: boolean;
  readonly drift: number;
}

function statusText(record: DecisionRecord): string {
  switch (record.status) {
    case 'accepted':
      return l10n.t({ message: 'accepted', comment: ['A decision record status (MADR)'] });
    case 'proposed':
      return l10n.t({ message: 'proposed', comment: ['A decision record status (MADR)'] });
    case 'rejected':
      return l10n.t({ message: 'rejected', comment: ['A decision record status (MADR)'] });
    case 'deprecated':
      return l10n.t({ message: 'deprecated', comment: ['A decision record status (MADR)'] });
    case 'superseded':
      return record.supersededBy
        ? l10n.t({ message: 'superseded by {0}', args: [record.supersededBy], comment: ['A decision record status (MADR); {0} is a file name'] })
        : l10n.t({ message: 'superseded', comment: ['A decision record status (MADR)'] });
  }
}

/** One row per record, newest file first; drift counts come from the findings analysed so far. */
export function decisionRows(records: readonly DecisionRecord[], driftOf: (path: string) => number): DecisionRow[] {
  return [...records]
    .sort((a, b) => b.path.localeCompare(a.path))
    .map((record) => {
      const drift = record.status === 'accepted' ? driftOf(record.path) : 0;
      const status = statusText(record);
      const description =
        drift === 0
          ? l10n.t({ message: '{0} · {1} · {2}', args: [status, record.state, record.placement], comment: ['{0} is a status, {1} a state kind id and {2} a placement id, kept as they are'] })
          : drift === 1
            ? l10n.t({ message: '{0} · {1} · {2} · 1 finding drifts', args: [status, record.state, record.placement], comment: ['{0} is a status, {1} a state kind id and {2} a placement id, kept as they are'] })
            : l10n.t({ message: '{0} · {1} · {2} · {3} findings drift', args: [status, record.state, record.placement, drift], comment: ['{0} is a status, {1} a state kind id and {2} a placement id, kept as they are; {3} is a count above 1'] });
      const scope = record.scope.length === 0 ? l10n.t('the whole repository') : record.scope.join(', ');
      const tooltip = l10n.t({ message: '{0}\nStatus: {1}\nState: {2}\nPlacement: {3}\nScope: {4}', args: [record.path, status, record.state, record.placement, scope], comment: ['Lines of a tooltip; {0} is a path, {2} a state kind id and {3} a placement id'] });
      return {
        id: record.path,
        label: record.title ?? record.path.split('/').pop() ?? record.path,
        description,
        tooltip,
        status: record.status,
        canSupersede: record.status === 'accepted' || record.status === 'proposed',
        drift,
      };
    });
}
