// One reporter for "a collection that holds per-user, per-connection or per-client state in this process", shared by
// every language's state-holder detector. Each message is composed of whole translated sentences (what was found,
// what breaks, the way out), so translators never see a fragment and every language says the same thing.

import * as l10n from '@vscode/l10n';
import type { Node } from '@vscode/tree-sitter-wasm';
import type { Finding, TextRange } from '../types';
import { makeFinding } from '../syntax/tree';

/** Where a finding points and what it names. */
export interface HolderSite {
  /** The node (or range) the finding is reported on: the collection's declaration, or the construct. */
  readonly at: Node | TextRange;
  /** The collection, variable, field or construct as written in the code (shortened when long). */
  readonly name: string;
  /** The framework or library recognised, for the wizard and the note's section. */
  readonly framework: string;
  /** The note section for "Why?". */
  readonly note: string;
}

/**
 * A write into a collection, as the JS/TS and Python state-holder detectors read it: `c.set(k, v)`, `c[k] = v`,
 * `c.add(v)`, `c.append(v)`, `d.setdefault(k, v)`, ...; `key` is absent for writes that add a value without one.
 */
export interface CollectionWrite {
  readonly node: Node;
  /** The collection expression written to. */
  readonly target: Node;
  readonly key: Node | undefined;
  readonly value: Node | undefined;
}

/** A collection of open connections: broadcasts and messages to a user reach only this instance's clients. */
export function connectionRegistryFinding(site: HolderSite): Finding {
  const found = l10n.t({
    message: '`{0}` keeps the open connections of this process.',
    args: [abbreviate(site.name)],
    comment: ['{0} is a variable, field or property name from the user\'s code'],
  });
  const breaks = l10n.t('It knows only this instance\'s clients: a broadcast misses users connected to the others, and a message to one user is lost when that user is connected elsewhere.');
  const wayOut = l10n.t('Deliver through a shared channel (a Socket.IO or SignalR backplane, Redis pub/sub or a message broker) so every instance reaches every client.');
  return makeFinding('in-memory-connection-registry', site.at, { message: `${found} ${breaks} ${wayOut}`, note: site.note, framework: site.framework });
}

/** Per-client request counts in this process: every instance allows the full limit. */
export function rateLimitFinding(site: HolderSite): Finding {
  const found = l10n.t({
    message: '`{0}` counts requests per client in the memory of this process.',
    args: [abbreviate(site.name)],
    comment: ['{0} is the rate limiter as written in the user\'s code (a call, variable or field)'],
  });
  const breaks = l10n.t('Each instance keeps its own counts, so with several instances a client gets the limit once per instance, and every restart resets the counts.');
  const wayOut = l10n.t('Keep the counters in a shared store (Redis, for instance) or enforce the limit at the gateway.');
  return makeFinding('in-memory-rate-limit', site.at, { message: `${found} ${breaks} ${wayOut}`, note: site.note, framework: site.framework });
}

/** Per-user session state in a module-level, static, global or singleton collection. */
export function sessionHolderFinding(site: HolderSite): Finding {
  const found = l10n.t({
    message: '`{0}` keeps per-user session state in the memory of this process.',
    args: [abbreviate(site.name)],
    comment: ['{0} is a variable, field or property name from the user\'s code'],
  });
  const breaks = l10n.t('It is lost on restart, and a second instance needs sticky routing to see it.');
  return makeFinding('in-memory-session-map', site.at, { message: `${found} ${breaks}`, note: site.note, framework: site.framework });
}

/** A session store the code configures to keep sessions in this process, or on this instance's disk. */
export function sessionStoreFinding(rule: 'session-store-in-memory' | 'session-store-local-disk', site: HolderSite): Finding {
  const found =
    rule === 'session-store-in-memory'
      ? l10n.t({ message: '`{0}` keeps sessions in the memory of this process.', args: [abbreviate(site.name)], comment: ["{0} is the session storage construct from the user's code"] })
      : l10n.t({ message: '`{0}` keeps sessions on the local disk of this instance.', args: [abbreviate(site.name)], comment: ["{0} is the session storage construct from the user's code"] });
  const breaks =
    rule === 'session-store-in-memory'
      ? l10n.t('Every session is lost on restart, and a second instance cannot see them without sticky routing.')
      : l10n.t('Other instances cannot read these files: without sticky routing, users are logged out when a request lands elsewhere.');
  return makeFinding(rule, site.at, { message: `${found} ${breaks}`, note: site.note, framework: site.framework });
}

/** Shortens code shown inside a message to one line of at most 40 characters. */
export function abbreviate(text: string): string {
  const oneLine = text.replace(/\s+/g, ' ');
  return oneLine.length > 40 ? `${oneLine.slice(0, 37)}...` : oneLine;
}
