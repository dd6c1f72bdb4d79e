// The decision wizard's UI: a multi-step QuickInput (step N of M, Back keeps answers, as-you-type validation,
// a button per question that opens its note) driven entirely by the core's pure state machine. Presets come
// first and fill every answer, which stay editable. Model: vscode-extension-samples quickinput-sample
// multiStepInput.ts, with its TODO fixed (values are remembered on Back because the machine keeps them).
import * as vscode from 'vscode';
import type { Inputs } from '../../core/wizard/decisionEngine';
import { answer, back, currentStep, presets, start, validateStepValue, type WizardState, type WizardStepView } from '../../core/wizard/wizardMachine';
import { disposeAll } from '../dispose';

type StepOutcome = { readonly kind: 'answer'; readonly value: string } | { readonly kind: 'back' } | { readonly kind: 'cancel' };

/** Created on first use: nothing touches the vscode API while the module loads. */
function openNoteButton(): vscode.QuickInputButton {
  return { iconPath: new vscode.ThemeIcon('book'), tooltip: vscode.l10n.t('Open the note that explains this question') };
}

/**
 * Runs the wizard and resolves with complete answers, or undefined when the user cancels. `initial` pre-fills
 * answers (from a CodeLens or "Change Answers"); without it, the user first picks a preset or "answer each question".
 */
export async function runPlacementWizard(openNote: (link: string) => unknown, initial?: Partial<Inputs>): Promise<Inputs | undefined> {
  let state: WizardState;
  if (initial && Object.keys(initial).length > 0) {
    state = start(initial);
  } else {
    const preset = await pickPreset();
    if (preset === 'cancel') return undefined;
    state = start(preset);
  }
  for (;;) {
    const step = currentStep(state);
    if (!step) return state.answers as Inputs;
    const outcome = step.kind === 'pick' ? await askPick(step, openNote) : await askNumber(step, openNote);
    if (outcome.kind === 'cancel') return undefined;
    if (outcome.kind === 'back') {
      if (step.stepNumber === 1 && !initial) {
        const preset = await pickPreset();
        if (preset === 'cancel') return undefined;
        state = start({ ...state.answers, ...preset });
      } else {
        state = back(state);
      }
      continue;
    }
    state = answer(state, outcome.value);
  }
}

async function pickPreset(): Promise<Partial<Inputs> | 'cancel'> {
  const items: (vscode.QuickPickItem & { inputs?: Inputs })[] = [
    { label: `$(edit) ${vscode.l10n.t('Answer each question')}`, description: vscode.l10n.t('start from scratch') },
    { label: vscode.l10n.t('Presets'), kind: vscode.QuickPickItemKind.Separator },
    ...presets().map((preset) => ({ label: preset.label, detail: preset.description, inputs: preset.inputs })),
  ];
  const picked = await vscode.window.showQuickPick(items, {
    title: vscode.l10n.t('Recommend State Placement'),
    placeHolder: vscode.l10n.t('Start from a common case (every answer stays editable) or answer each question'),
    matchOnDetail: true,
    ignoreFocusOut: true,
  });
  if (!picked) return 'cancel';
  return picked.inputs ?? {};
}

function title(step: WizardStepView): string {
  // VS Code appends "(N/M)" from `step`/`totalSteps` itself.
  return `${vscode.l10n.t('Recommend State Placement')}: ${step.title}`;
}

/**
 * Shows one step and settles once: with the answer, Back, or cancel (hiding the input). `wire` connects the
 * step's own events to `finish`; everything it returns is disposed with the input.
 */
function runStep(input: vscode.QuickInput, wire: (finish: (outcome: StepOutcome) => void) => vscode.Disposable[]): Promise<StepOutcome> {
  return new Promise<StepOutcome>((resolve) => {
    let settled = false;
    const disposables: vscode.Disposable[] = [];
    const finish = (outcome: StepOutcome) => {
      if (settled) return;
      settled = true;
      disposeAll([...disposables, input]);
      resolve(outcome);
    };
    disposables.push(...wire(finish), input.onDidHide(() => finish({ kind: 'cancel' })));
    input.show();
  });
}

function onButton(step: WizardStepView, openNote: (link: string) => unknown, finish: (outcome: StepOutcome) => void) {
  return (button: vscode.QuickInputButton) => {
    if (button === vscode.QuickInputButtons.Back) finish({ kind: 'back' });
    else void openNote(step.noteLink);
  };
}

function askNumber(step: WizardStepView, openNote: (link: string) => unknown): Promise<StepOutcome> {
  const input = vscode.window.createInputBox();
  input.title = title(step);
  input.step = step.stepNumber;
  input.totalSteps = step.totalSteps;
  // The core's step texts arrive in the display language (see coreLocalization.ts).
  input.prompt = `${step.prompt}. ${step.explanation}`;
  input.placeholder = step.placeholder;
  input.value = step.value ?? '';
  input.ignoreFocusOut = true;
  input.buttons = [vscode.QuickInputButtons.Back, openNoteButton()];
  input.validationMessage = step.error;
  return runStep(input, (finish) => [
    input.onDidChangeValue((value) => {
      input.validationMessage = value.trim() === '' ? undefined : validateStepValue(step, value);
    }),
    input.onDidAccept(() => {
      const message = validateStepValue(step, input.value);
      if (message) input.validationMessage = message;
      else finish({ kind: 'answer', value: input.value.trim() });
    }),
    input.onDidTriggerButton(onButton(step, openNote, finish)),
  ]);
}

function askPick(step: WizardStepView, openNote: (link: string) => unknown): Promise<StepOutcome> {
  const quickPick = vscode.window.createQuickPick<vscode.QuickPickItem>();
  quickPick.title = title(step);
  quickPick.step = step.stepNumber;
  quickPick.totalSteps = step.totalSteps;
  quickPick.placeholder = `${step.prompt} — ${step.explanation}`;
  quickPick.ignoreFocusOut = true;
  quickPick.buttons = [vscode.QuickInputButtons.Back, openNoteButton()];
  quickPick.items = (step.options ?? []).map((option) => ({ label: option.label, description: option.description }));
  const kept = quickPick.items.find((item) => item.label === step.value);
  if (kept) quickPick.activeItems = [kept];
  return runStep(quickPick, (finish) => [
    quickPick.onDidAccept(() => {
      const selected = quickPick.selectedItems[0] ?? quickPick.activeItems[0];
      if (selected) finish({ kind: 'answer', value: selected.label });
    }),
    quickPick.onDidTriggerButton(onButton(step, openNote, finish)),
  ]);
}
