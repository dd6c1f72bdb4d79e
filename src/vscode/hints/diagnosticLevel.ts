// The editor's side of the severity policy, free of the vscode import so a unit test can hold it against the CLI's
// output: the level a finding's diagnostic gets under the user's settings. registerSessionHints maps the level to
// vscode.DiagnosticSeverity and does nothing else with severities.
import { finalSeverity, type SeverityLevel } from '../../core/analyzer/severity';
import type { Finding } from '../../core/analyzer/types';
import type { StatecraftSettings } from '../settingDefaults';

/** The diagnostic level of a finding in the editor, or undefined when diagnostics are off. */
export function diagnosticLevel(finding: Pick<Finding, 'rule' | 'severity'>, settings: Pick<StatecraftSettings, 'hintsSeverity'>): SeverityLevel | undefined {
  return finalSeverity(finding, settings.hintsSeverity);
}
