// Session-state hints: CodeLens, diagnostics and quick fixes over the analyzer's findings. The providers only map
// findings to VS Code objects (conversion of ranges happens in toRange); the analysis itself is the core's.
import * as vscode from 'vscode';
import { analysedFilesGlob, analysedVscodeLanguageIds, languageForFile, languageForVscodeId, SNIFF_LENGTH } from '../../core/analyzer/languages';
import { listSuppressions, suppressionComment } from '../../core/analyzer/suppressions';
import type { SeverityLevel } from '../../core/analyzer/severity';
import { pairAffinityWithState } from '../../core/analyzer/config/affinityPairing';
import type { Finding, TextRange } from '../../core/analyzer/types';
import { stateKindOfRule } from '../../core/decisions/stateKind';
import { wizardPrefillFor } from '../../core/analyzer/wizardPrefill';
import type { Logger } from '../../core/ports';
import { CommandIds } from '../commandIds';
import type { NotesFeature } from '../registerNotes';
import { affects, readSettings } from '../settings';
import { SEARCH_EXCLUDE_GLOB } from '../settingDefaults';
import type { DecisionRecords } from '../decisions/decisionRecords';
import { AnalysisManager } from './analysisManager';
import { diagnosticLevel } from './diagnosticLevel';
import { disposeAll } from '../dispose';

const DIAGNOSTIC_SOURCE = 'Statecraft';
// Language ids, plus the table's file glob: nginx/HAProxy files without a language extension installed open as plain
// text, and their kind is decided from the text (the analyzer sniffs; files that are not nginx/HAProxy get nothing).
const SELECTOR: vscode.DocumentSelector = [...analysedVscodeLanguageIds().map((language) => ({ language })), { pattern: analysedFilesGlob() }];

/**
 * The findings of `document`, paired across every analysed open document: an affinity setting and in-memory state in
 * the same workspace name each other (core: pairAffinityWithState).
 */
function pairedFindingsFor(manager: AnalysisManager, document: vscode.TextDocument): readonly Finding[] | undefined {
  return manager.resultFor(document) ? pairedFindingsOfAll(manager).get(document.uri.toString()) : undefined;
}

/** The last pairing per manager, with the inputs it was computed from (compared by identity). */
const lastPairing = new WeakMap<AnalysisManager, { inputs: readonly unknown[]; paired: Map<string, readonly Finding[]> }>();

/**
 * The same for every analysed open document at once (one pairing, not one per document), by document URI. Publishing
 * and every CodeLens and code-action request ask for it; while the open documents' settled results (the same objects)
 * and names are unchanged, the last pairing is returned instead of pairing again on the host's thread.
 */
function pairedFindingsOfAll(manager: AnalysisManager): Map<string, readonly Finding[]> {
  const files = vscode.workspace.textDocuments.flatMap((document) => {
    const result = manager.resultFor(document);
    return result ? [{ file: vscode.workspace.asRelativePath(document.uri, false), findings: result.findings, uri: document.uri.toString() }] : [];
  });
  const inputs = files.flatMap((file) => [file.uri, file.file, file.findings]);
  const last = lastPairing.get(manager);
  if (last && last.inputs.length === inputs.length && last.inputs.every((input, index) => input === inputs[index])) return last.paired;
  const pairedFiles = files.length < 2 ? files : pairAffinityWithState(files);
  const paired = new Map(files.map((file, index) => [file.uri, pairedFiles[index]?.findings ?? file.findings]));
  lastPairing.set(manager, { inputs, paired });
  return paired;
}

/** What a document's diagnostics say, as one string: a document whose list did not change is not sent again. */
function diagnosticsKey(list: readonly vscode.Diagnostic[]): string {
  return JSON.stringify(list.map((d) => [d.range.start.line, d.range.start.character, d.range.end.line, d.range.end.character, d.severity, d.code, d.message]));
}

/** The workspace file a pairing names, as a URI to open. */
function pairedUri(document: vscode.TextDocument, file: string): vscode.Uri | undefined {
  const folder = vscode.workspace.getWorkspaceFolder(document.uri) ?? vscode.workspace.workspaceFolders?.[0];
  return folder ? vscode.Uri.joinPath(folder.uri, file) : undefined;
}
const MAX_SUPPRESSION_SCAN_FILES = 5000;
/** How long after activation the analysis worker warms up for the workspace's languages. */
const WARM_UP_DELAY_MS = 1000;

/** The walkthrough's sample: the smallest server that shows both kinds of hint. */
const HINT_SAMPLE = `// A sample Express server: sessions and carts live in this process's memory.
const express = require('express');
const session = require('express-session');

const app = express();
app.use(session({ secret: 'replace-me', resave: false, saveUninitialized: false }));

const cartsByUserId = new Map();

app.post('/cart', (req, res) => {
  cartsByUserId.set(req.session.userId, req.body);
  res.sendStatus(204);
});

app.listen(3000);
`;

export function toRange(range: TextRange): vscode.Range {
  return new vscode.Range(range.start.line, range.start.character, range.end.line, range.end.character);
}

/** The VS Code side of the levels the severity policy (core/analyzer/severity.ts) decides. */
const DIAGNOSTIC_SEVERITY: Readonly<Record<SeverityLevel, vscode.DiagnosticSeverity>> = {
  error: vscode.DiagnosticSeverity.Error,
  warning: vscode.DiagnosticSeverity.Warning,
  information: vscode.DiagnosticSeverity.Information,
  hint: vscode.DiagnosticSeverity.Hint,
};

class SessionStateCodeLensProvider implements vscode.CodeLensProvider {
  private readonly changeEmitter = new vscode.EventEmitter<void>();
  readonly onDidChangeCodeLenses = this.changeEmitter.event;

  constructor(
    private readonly manager: AnalysisManager,
    private readonly decisions: DecisionRecords,
  ) {}

  refresh(): void {
    this.changeEmitter.fire();
  }

  async provideCodeLenses(document: vscode.TextDocument, token: vscode.CancellationToken): Promise<vscode.CodeLens[]> {
    if (!readSettings(document.uri).hintsCodeLens) return [];
    const result = this.manager.resultFor(document) ?? (await this.manager.analyze(document, token));
    if (!result || token.isCancellationRequested) return [];
    const findings = this.decisions.judge(document, pairedFindingsFor(this.manager, document) ?? result.findings);
    return findings.flatMap((finding) => {
      const range = toRange(finding.range);
      const at = new vscode.Range(range.start, range.start);
      const paired = finding.pairedWith ? pairedUri(document, finding.pairedWith.file) : undefined;
      const pairedLens = finding.pairedWith && paired
        ? [new vscode.CodeLens(at, {
          title: finding.rule === 'sticky-routing-affinity'
            ? vscode.l10n.t('$(link) Keeps working: {0}:{1}', finding.pairedWith.file, finding.pairedWith.line + 1)
            : vscode.l10n.t('$(link) Hidden by affinity: {0}:{1}', finding.pairedWith.file, finding.pairedWith.line + 1),
          command: 'vscode.open',
          arguments: [paired, { selection: new vscode.Range(finding.pairedWith.line, 0, finding.pairedWith.line, 0) }],
          tooltip: finding.message,
        })]
        : [];
      const head = finding.decision
        ? new vscode.CodeLens(at, { title: `${finding.decision.verdict === 'drift' ? '$(warning)' : '$(pass)'} ${finding.title}`, command: CommandIds.openDecisionRecord, arguments: [finding.decision.record], tooltip: finding.message })
        : new vscode.CodeLens(at, { title: `$(warning) ${finding.title}`, command: CommandIds.explainFinding, arguments: [finding.note], tooltip: finding.message });
      return [
        head,
        ...pairedLens,
        new vscode.CodeLens(at, { title: vscode.l10n.t('Why?'), command: CommandIds.explainFinding, arguments: [finding.note], tooltip: vscode.l10n.t('Open the note on moving this state out of the process') }),
        new vscode.CodeLens(at, { title: vscode.l10n.t('Recommend placement'), command: CommandIds.recommendPlacement, arguments: wizardArguments(finding) }),
        new vscode.CodeLens(at, { title: vscode.l10n.t('Ignore'), command: CommandIds.ignoreFinding, arguments: [document.uri, range.start.line] }),
      ];
    });
  }

  dispose(): void {
    this.changeEmitter.dispose();
  }
}

/** The wizard pre-filled from what the finding shows, and the kind of state it is about (for the record). */
function wizardArguments(finding: Finding): unknown[] {
  const rule = finding.decision?.rule ?? finding.rule;
  return [wizardPrefillFor({ rule }), stateKindOfRule(rule)];
}

class SessionStateCodeActionProvider implements vscode.CodeActionProvider {
  constructor(
    private readonly manager: AnalysisManager,
    private readonly decisions: DecisionRecords,
  ) {}

  provideCodeActions(document: vscode.TextDocument, range: vscode.Range | vscode.Selection, context: vscode.CodeActionContext): vscode.CodeAction[] {
    const findings = pairedFindingsFor(this.manager, document);
    const ours = context.diagnostics.filter((diagnostic) => diagnostic.source === DIAGNOSTIC_SOURCE);
    if (!findings || ours.length === 0) return [];
    const actions: vscode.CodeAction[] = [];
    for (const finding of this.decisions.judge(document, findings)) {
      const findingRange = toRange(finding.range);
      const diagnostic = ours.find((d) => d.range.isEqual(findingRange));
      if (!diagnostic || !findingRange.intersection(range) && !range.intersection(findingRange) && !findingRange.contains(range.start)) continue;
      if (finding.fix) {
        const fix = new vscode.CodeAction(finding.fix.title, vscode.CodeActionKind.QuickFix);
        fix.edit = new vscode.WorkspaceEdit();
        // A routing change is shown in the refactor preview and applied only when the user accepts it.
        const metadata: vscode.WorkspaceEditEntryMetadata | undefined = finding.fix.needsConfirmation ? { needsConfirmation: true, label: finding.fix.title } : undefined;
        for (const edit of finding.fix.edits) fix.edit.replace(document.uri, toRange(edit.range), edit.newText, metadata);
        fix.diagnostics = [diagnostic];
        fix.isPreferred = !finding.fix.needsConfirmation;
        actions.push(fix);
      }
      const why = new vscode.CodeAction(vscode.l10n.t('Statecraft: open the note on this ({0})', finding.framework), vscode.CodeActionKind.QuickFix);
      why.command = { command: CommandIds.explainFinding, title: why.title, arguments: [finding.note] };
      why.diagnostics = [diagnostic];
      const wizard = new vscode.CodeAction(vscode.l10n.t('Statecraft: recommend where this state should live…'), vscode.CodeActionKind.QuickFix);
      wizard.command = { command: CommandIds.recommendPlacement, title: wizard.title, arguments: wizardArguments(finding) };
      wizard.diagnostics = [diagnostic];
      if (finding.decision) {
        const record = new vscode.CodeAction(vscode.l10n.t('Statecraft: open the decision record {0}', finding.decision.record), vscode.CodeActionKind.QuickFix);
        record.command = { command: CommandIds.openDecisionRecord, title: record.title, arguments: [finding.decision.record] };
        record.diagnostics = [diagnostic];
        actions.push(record);
      }
      const ignore = new vscode.CodeAction(vscode.l10n.t('Statecraft: ignore this hint with a reason (statecraft-ignore)'), vscode.CodeActionKind.QuickFix);
      ignore.command = { command: CommandIds.ignoreFinding, title: ignore.title, arguments: [document.uri, findingRange.start.line] };
      ignore.diagnostics = [diagnostic];
      actions.push(why, wizard, ignore);
    }
    return actions;
  }
}

export interface SessionHintsFeature extends vscode.Disposable {
  readonly manager: AnalysisManager;
  /** The CodeLens provider, as VS Code calls it (the bench times it from a file's opening). */
  readonly codeLens: vscode.CodeLensProvider;
}

export function registerSessionHints(context: vscode.ExtensionContext, notes: NotesFeature, logger: Logger, decisions: DecisionRecords): SessionHintsFeature {
  const manager = new AnalysisManager(context.extensionUri, logger);
  // A second after activation, not in it: the window is drawing the Statecraft view then, and the warm-up's thread
  // start and grammar compile would compete with it on a small machine. A file that becomes visible warms at once.
  const warmUpTimer = setTimeout(() => {
    manager.warmUpForWorkspace().catch((error: unknown) => logger.warn(`Session-state hints: the warm-up found no files (${error instanceof Error ? error.message : String(error)})`));
  }, WARM_UP_DELAY_MS);
  const diagnostics = vscode.languages.createDiagnosticCollection('statecraft-session-state');
  const codeLens = new SessionStateCodeLensProvider(manager, decisions);

  // Every open document is re-judged on any change, since a pairing (affinity ↔ in-memory state) crosses documents;
  // only the documents whose diagnostics changed are sent to the window (each set is a message, and with many open
  // documents re-sending them all was Statecraft's longest hold of the host's thread in the bench).
  const published = new Map<string, string>();
  const publish = (uri: vscode.Uri | undefined) => {
    const documents = vscode.workspace.textDocuments;
    if (uri && !documents.some((d) => d.uri.toString() === uri.toString())) {
      diagnostics.delete(uri);
      published.delete(uri.toString());
    }
    if (!uri) {
      diagnostics.clear();
      published.clear();
    }
    const pairedFindings = pairedFindingsOfAll(manager);
    for (const document of documents) {
      const findings = pairedFindings.get(document.uri.toString()) ?? [];
      const settings = readSettings(document.uri);
      const judged = decisions.judge(document, findings);
      decisions.report(document.uri, judged);
      const list = judged.flatMap((finding) => {
        const level = diagnosticLevel(finding, settings);
        if (level === undefined) return [];
        const diagnostic = new vscode.Diagnostic(toRange(finding.range), finding.message, DIAGNOSTIC_SEVERITY[level]);
        diagnostic.source = DIAGNOSTIC_SOURCE;
        diagnostic.code = finding.rule;
        return [diagnostic];
      });
      const key = diagnosticsKey(list);
      if (published.get(document.uri.toString()) === key) continue;
      published.set(document.uri.toString(), key);
      diagnostics.set(document.uri, list);
    }
    codeLens.refresh();
  };

  const disposables: vscode.Disposable[] = [
    { dispose: () => clearTimeout(warmUpTimer) },
    manager,
    diagnostics,
    codeLens,
    manager.onDidChange(publish),
    decisions.onDidChange(() => publish(undefined)),
    vscode.workspace.onDidCloseTextDocument((document) => {
      diagnostics.delete(document.uri);
      published.delete(document.uri.toString());
      decisions.report(document.uri, undefined);
    }),
    vscode.workspace.onDidChangeConfiguration((event) => {
      if (affects(event, 'hintsSeverity', 'hintsCodeLens')) publish(undefined);
    }),
    vscode.languages.registerCodeLensProvider(SELECTOR, codeLens),
    vscode.languages.registerCodeActionsProvider(SELECTOR, new SessionStateCodeActionProvider(manager, decisions), { providedCodeActionKinds: [vscode.CodeActionKind.QuickFix] }),
    vscode.commands.registerCommand(CommandIds.explainFinding, (noteLink: unknown) => {
      if (typeof noteLink !== 'string') return undefined;
      const [id, fragment] = noteLink.split('#');
      return notes.viewer.open(id, { fragment, toSide: true });
    }),
    vscode.commands.registerCommand(CommandIds.ignoreFinding, (uri: unknown, line: unknown, reason?: unknown) =>
      uri instanceof vscode.Uri && typeof line === 'number' ? insertSuppression(uri, line, typeof reason === 'string' ? reason : undefined) : undefined),
    vscode.commands.registerCommand(CommandIds.listSuppressions, () => listWorkspaceSuppressions()),
    vscode.commands.registerCommand(CommandIds.openHintSample, async () => {
      const document = await vscode.workspace.openTextDocument({ language: 'javascript', content: HINT_SAMPLE });
      return vscode.window.showTextDocument(document);
    }),
  ];
  return { manager, codeLens, dispose: () => disposeAll(disposables) };
}

/** Adds `statecraft-ignore: <reason>` on the line above, in the file's comment syntax and indentation. */
async function insertSuppression(uri: vscode.Uri, line: number, givenReason?: string): Promise<boolean> {
  const reason = givenReason ?? (await vscode.window.showInputBox({
    title: vscode.l10n.t('Ignore this session-state hint'),
    prompt: vscode.l10n.t('Why is in-process state acceptable here? The reason is kept in the comment for reviewers.'),
    value: vscode.l10n.t('single instance by design'),
    validateInput: (value) => (value.trim() === '' ? vscode.l10n.t('A reason is required: a suppression without one does not silence the hint.') : undefined),
  }));
  if (!reason || reason.trim() === '') return false;
  const document = await vscode.workspace.openTextDocument(uri);
  const indentation = /^\s*/.exec(document.lineAt(line).text)?.[0] ?? '';
  const language = languageForFile(document.fileName, document.getText().slice(0, SNIFF_LENGTH)) ?? languageForVscodeId(document.languageId) ?? 'javascript';
  const edit = new vscode.WorkspaceEdit();
  edit.insert(uri, new vscode.Position(line, 0), suppressionComment(language, indentation, reason));
  return vscode.workspace.applyEdit(edit);
}

async function listWorkspaceSuppressions(): Promise<void> {
  const files = await vscode.workspace.findFiles(analysedFilesGlob(), SEARCH_EXCLUDE_GLOB, MAX_SUPPRESSION_SCAN_FILES);
  const items: (vscode.QuickPickItem & { uri: vscode.Uri; line: number })[] = [];
  for (const uri of files) {
    const bytes = await vscode.workspace.fs.readFile(uri);
    if (bytes.byteLength > readSettings(uri).hintsMaxFileSizeKb * 1024) continue;
    const text = new TextDecoder().decode(bytes);
    const language = languageForFile(uri.path, text.slice(0, SNIFF_LENGTH));
    if (!language) continue;
    for (const suppression of listSuppressions(text, language)) {
      items.push({ label: suppression.reason, description: `${vscode.workspace.asRelativePath(uri)}:${suppression.line + 1}`, uri, line: suppression.line });
    }
  }
  if (items.length === 0) {
    void vscode.window.showInformationMessage(vscode.l10n.t('No statecraft-ignore comments in this workspace.'));
    return;
  }
  const picked = await vscode.window.showQuickPick(items, {
    title: vscode.l10n.t('Suppressed session-state hints ({0})', items.length),
    placeHolder: vscode.l10n.t('Pick one to open it; delete the comment to un-ignore the hint'),
    matchOnDescription: true,
  });
  if (picked) await vscode.window.showTextDocument(picked.uri, { selection: new vscode.Range(picked.line, 0, picked.line, 0) });
}
