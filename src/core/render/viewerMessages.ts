// The closed set of messages the note viewer webview may send to the extension. Everything arriving from a
// webview is untrusted input: `parseViewerMessage` accepts only these shapes, with validated arguments, and drops
// anything else. The host → webview direction needs no parser (we write it), but shares the types.
import { NOTE_ID_PATTERN } from '../notes/note';
import { parseSimRequest, type SimRequest, type SimResult } from '../sim/simPanel';

export type ViewerMessage =
  | { readonly type: 'openNote'; readonly id: string; readonly fragment?: string; readonly toSide: boolean }
  | { readonly type: 'openExternal'; readonly url: string }
  | { readonly type: 'setStudied'; readonly studied: boolean }
  | { readonly type: 'setBookmarked'; readonly bookmarked: boolean }
  | { readonly type: 'navigate'; readonly direction: 'back' | 'forward' }
  | { readonly type: 'openWizard' }
  | { readonly type: 'openSource' }
  /** A simulation panel asks for a result; `panel` is the panel's element id, `requestId` echoes back. */
  | { readonly type: 'simulate'; readonly panel: string; readonly requestId: number; readonly request: SimRequest };

/** What the extension posts back to a simulation panel. */
export interface SimResultMessage {
  readonly type: 'simResult';
  readonly panel: string;
  readonly requestId: number;
  readonly result: SimResult;
}

const SIM_PANEL_ID = /^sc-sim-\d{1,6}$/;

const FRAGMENT = /^[\p{L}\p{N}_-]{1,200}$/u;
const MAX_URL_LENGTH = 2048;

/**
 * Returns the https URL if it is safe to hand to the system browser: https only, no credentials, a host name.
 * Everything else (javascript:, data:, command:, http:, file:, look-alikes with odd casing or whitespace) is refused.
 */
export function safeExternalUrl(raw: string): string | undefined {
  if (raw.length > MAX_URL_LENGTH || /\s/.test(raw)) return undefined;
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return undefined;
  }
  if (url.protocol !== 'https:' || url.username !== '' || url.password !== '' || url.hostname === '') return undefined;
  return url.toString();
}

export function parseViewerMessage(raw: unknown): ViewerMessage | undefined {
  if (raw === null || typeof raw !== 'object') return undefined;
  const message = raw as Record<string, unknown>;
  switch (message.type) {
    case 'openNote': {
      if (typeof message.id !== 'string' || !NOTE_ID_PATTERN.test(message.id) || message.id.length > 200) return undefined;
      const toSide = message.toSide === true;
      if (message.fragment === undefined || message.fragment === '') return { type: 'openNote', id: message.id, toSide };
      if (typeof message.fragment !== 'string' || !FRAGMENT.test(message.fragment)) return undefined;
      return { type: 'openNote', id: message.id, fragment: message.fragment, toSide };
    }
    case 'openExternal': {
      if (typeof message.url !== 'string') return undefined;
      const url = safeExternalUrl(message.url);
      return url ? { type: 'openExternal', url } : undefined;
    }
    case 'setStudied':
      return typeof message.studied === 'boolean' ? { type: 'setStudied', studied: message.studied } : undefined;
    case 'setBookmarked':
      return typeof message.bookmarked === 'boolean' ? { type: 'setBookmarked', bookmarked: message.bookmarked } : undefined;
    case 'navigate':
      return message.direction === 'back' || message.direction === 'forward' ? { type: 'navigate', direction: message.direction } : undefined;
    case 'openWizard':
      return { type: 'openWizard' };
    case 'openSource':
      return { type: 'openSource' };
    case 'simulate': {
      const { panel, requestId } = message;
      if (typeof panel !== 'string' || !SIM_PANEL_ID.test(panel)) return undefined;
      if (typeof requestId !== 'number' || !Number.isInteger(requestId) || requestId < 0 || requestId > 2 ** 31) return undefined;
      const request = parseSimRequest(message.request);
      return request ? { type: 'simulate', panel, requestId, request } : undefined;
    }
    default:
      return undefined;
  }
}

/** Back/Forward history of one viewer panel. Pure; the panel keeps one. */
export class NavigationHistory<T> {
  private entries: T[] = [];
  private index = -1;

  get current(): T | undefined {
    return this.entries[this.index];
  }

  get canGoBack(): boolean {
    return this.index > 0;
  }

  get canGoForward(): boolean {
    return this.index < this.entries.length - 1;
  }

  /** Visiting drops any forward entries, as a browser does. */
  visit(entry: T): void {
    this.entries = [...this.entries.slice(0, this.index + 1), entry];
    this.index = this.entries.length - 1;
  }

  back(): T | undefined {
    if (!this.canGoBack) return undefined;
    this.index--;
    return this.current;
  }

  forward(): T | undefined {
    if (!this.canGoForward) return undefined;
    this.index++;
    return this.current;
  }
}

/** Messages the recommendation panel may send: its actions and links to notes. */
export type RecommendationMessage =
  | { readonly type: 'saveDecisionRecord' }
  | { readonly type: 'copyMarkdown' }
  | { readonly type: 'changeAnswers' }
  | { readonly type: 'openNote'; readonly id: string; readonly fragment?: string };

export function parseRecommendationMessage(raw: unknown): RecommendationMessage | undefined {
  if (raw === null || typeof raw !== 'object') return undefined;
  const type = (raw as Record<string, unknown>).type;
  if (type === 'saveDecisionRecord' || type === 'copyMarkdown' || type === 'changeAnswers') return { type };
  const note = parseViewerMessage(raw);
  return note?.type === 'openNote' ? { type: 'openNote', id: note.id, ...(note.fragment ? { fragment: note.fragment } : {}) } : undefined;
}
