// The static part of a simulation panel, rendered where a note places a ```statecraft-sim <kind>``` block: the
// caption, the controls (native buttons, a range input, radios: keyboard operable as they are), an empty SVG and the
// live region. Only known kinds render; the webview script fills the SVG and the text from the core's results and
// never builds HTML. Every attribute value here is a constant or a number, so nothing from a note reaches it.
import * as l10n from '@vscode/l10n';
import { PANEL_LIMITS, type SimKind } from '../sim/simKinds';

export { simDirectiveKind } from '../sim/simKinds';
import { escapeHtml } from './escapeHtml';

function button(action: string, label: string): string {
  return `<button type="button" class="sc-action" data-sim-action="${action}">${escapeHtml(label)}</button>`;
}

function frame(kind: SimKind, id: string, caption: string, controls: string, svgLabel: string, limits = ''): string {
  return [
    `<figure class="sc-sim sc-sim-${kind}" data-sim="${kind}" id="${id}"${limits} aria-labelledby="${id}-caption">`,
    `<figcaption id="${id}-caption">${escapeHtml(caption)}</figcaption>`,
    `<div class="sc-sim-controls" role="group" aria-label="${escapeHtml(l10n.t({ message: 'Simulation controls', comment: ['Accessible name of the group of buttons and sliders of an interactive simulation in a note'] }))}">${controls}</div>`,
    `<svg class="sc-sim-svg" viewBox="-120 -120 240 240" role="img" aria-label="${escapeHtml(svgLabel)}" aria-describedby="${id}-live"></svg>`,
    '<p class="sc-sim-headline" data-sim-headline></p>',
    `<p class="sc-sim-live" id="${id}-live" role="status" aria-live="polite" data-sim-live>${escapeHtml(l10n.t('The simulation starts when the note has loaded.'))}</p>`,
    '</figure>\n',
  ].join('');
}

/** The panel for `kind`; `index` keeps ids unique when a note places several panels. */
export function renderSimPanel(kind: SimKind, index: number): string {
  const id = `sc-sim-${index}`;
  switch (kind) {
    case 'ring': {
      const { min, max, initial } = PANEL_LIMITS.vnodes;
      const nodes = PANEL_LIMITS.ringNodes;
      const controls = [
        button('add', l10n.t({ message: 'Add node', comment: ['Button of the consistent-hashing simulation: one more cache node'] })),
        button('remove', l10n.t({ message: 'Remove node', comment: ['Button of the consistent-hashing simulation: one cache node fewer'] })),
        `<label class="sc-sim-slider">${escapeHtml(l10n.t('Virtual nodes per node'))} <input type="range" min="${min}" max="${max}" value="${initial}" data-sim-input="vnodes"> <output data-sim-output="vnodes">${initial}</output></label>`,
      ].join('');
      return frame(kind, id, l10n.t('Try it: keys on a consistent-hash ring, against modulo hashing'), controls, l10n.t('A hash ring: virtual nodes as ticks on the circle, keys as dots coloured by their node; keys that moved are ringed.'), ` data-min-nodes="${nodes.min}" data-max-nodes="${nodes.max}" data-initial-nodes="${nodes.initial}"`);
    }
    case 'routing': {
      const { min, max, initial } = PANEL_LIMITS.instances;
      const name = `${id}-store`;
      const controls = [
        button('fail', l10n.t({ message: 'Kill an instance', comment: ['Button of the routing simulation: one more instance crashes'] })),
        button('deploy', l10n.t({ message: 'Rolling deploy', comment: ['Button of the routing simulation: restart every instance one after another'] })),
        button('reset', l10n.t({ message: 'Reset', comment: ['Button of the routing simulation: back to all instances up, no deploy'] })),
        `<label class="sc-sim-slider">${escapeHtml(l10n.t('Instances'))} <input type="range" min="${min}" max="${max}" value="${initial}" data-sim-input="instances"> <output data-sim-output="instances">${initial}</output></label>`,
        `<label><input type="checkbox" data-sim-input="affinity" checked> ${escapeHtml(l10n.t('Session affinity (sticky)'))}</label>`,
        `<fieldset class="sc-sim-choice"><legend>${escapeHtml(l10n.t('Session state lives'))}</legend>`,
        `<label><input type="radio" name="${name}" value="memory" data-sim-input="store" checked> ${escapeHtml(l10n.t('in process memory'))}</label>`,
        `<label><input type="radio" name="${name}" value="external" data-sim-input="store"> ${escapeHtml(l10n.t('in an external store'))}</label>`,
        '</fieldset>',
      ].join('');
      return frame(kind, id, l10n.t('Try it: sessions routed over instances'), controls, l10n.t('Instances as boxes holding their sessions as dots; failed instances are dashed, lost sessions hollow.'));
    }
  }
}
