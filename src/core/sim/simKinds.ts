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

