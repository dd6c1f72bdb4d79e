// The simulation panel kinds and their control limits: what the renderer needs to draw a panel's controls, kept
// apart from the simulations so rendering a note does not load them.

/** The panel kinds a note may place with a ```statecraft-sim <kind>``` block. */
export const SIM_KINDS = ['ring', 'routing'] as const;
export type SimKind = (typeof SIM_KINDS)[number];

export function isSimKind(value: string): value is SimKind {
  return (SIM_KINDS as readonly string[]).includes(value);
}

/** The panels' controls stay within these (smaller than the CLI's: they must redraw at once and stay legible). */
export const PANEL_LIMITS = {
  ringNodes: { min: 1, max: 32, initial: 10 },
  vnodes: { min: 1, max: 200, initial: 100 },
  instances: { min: 2, max: 12, initial: 4 },
} as const;


/** The fence info of a simulation directive: the word, one space-separated kind, nothing else. */
const DIRECTIVE = /^statecraft-sim(?:\s+(\S+))?\s*$/;

/** The kind a fence info string asks for, `undefined` when it is not a directive, `null` when it is a bad one. */
export function simDirectiveKind(info: string): SimKind | null | undefined {
  const trimmed = info.trim();
  if (!trimmed.startsWith('statecraft-sim')) return undefined;
  const match = DIRECTIVE.exec(trimmed);
  return match && match[1] !== undefined && isSimKind(match[1]) ? match[1] : null;
}
