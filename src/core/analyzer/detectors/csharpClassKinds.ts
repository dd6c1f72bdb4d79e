// The long-lived C# classes csharp-session-map looks in (hubs, controllers, Razor page models, singletons), the
// dictionaries they declare, and how a finding describes where such a dictionary is held (the wording itself is the
// shared handlerWriteReport's), with the note section and framework for each kind of class.

import type { Node } from '@vscode/tree-sitter-wasm';
import type { CollectionHolder } from './handlerWriteReport';

/** The note sections the findings link: hand-rolled session maps, and SignalR for hubs and what they hold. */
export const HAND_ROLLED = 'externalize-sessions-dotnet#hand-rolled-session-maps';
const SIGNALR = 'externalize-sessions-dotnet#signalr';

/** The classes whose dictionaries outlive a request: hubs, controllers, Razor page models and registered singletons. */
export type ClassKind = 'hub' | 'controller' | 'page' | 'singleton';

/** A dictionary-typed field or auto-property declared directly in a class body. */
export interface SharedDictionary {
  readonly name: string;
  readonly nameNode: Node;
  readonly typeText: string;
  readonly isStatic: boolean;
}

/** A class of this file whose instance lives in a static field of a hub or controller (or any field of a singleton). */
export interface Holder {
  readonly kind: ClassKind;
  /** The holding class and its field, e.g. ChatHub and Connections. */
  readonly className: string;
  readonly fieldName: string;
  readonly isStatic: boolean;
  /** The methods the holder calls on that instance from its entry points. */
  readonly calledMethods: Set<string>;
}

/** What a finding about a dictionary of such a class says it is held by, and the note section and framework it names. */
export interface Description {
  readonly holder: CollectionHolder;
  readonly note: string;
  readonly framework: string;
}

/** How a finding about `dictionary` of `className` describes its holder, and which note section and framework it names. */
export function describe(kind: ClassKind, dictionary: SharedDictionary, className: string, holder?: Holder): Description {
  if (holder) {
    const held: CollectionHolder = { kind: 'held', owner: className, holder: holder.className, holderField: holder.fieldName };
    return holder.kind === 'hub' ? { holder: held, note: SIGNALR, framework: 'SignalR' } : { holder: held, note: HAND_ROLLED, framework: 'ASP.NET Core' };
  }
  const own: CollectionHolder = dictionary.isStatic ? { kind: 'static', owner: className } : { kind: 'field', owner: className };
  switch (kind) {
    case 'hub':
      return { holder: own, note: SIGNALR, framework: 'SignalR' };
    case 'controller':
      return { holder: own, note: HAND_ROLLED, framework: 'ASP.NET Core MVC' };
    case 'page':
      return { holder: own, note: HAND_ROLLED, framework: 'ASP.NET Core Razor Pages' };
    default:
      return { holder: own, note: HAND_ROLLED, framework: 'ASP.NET Core' };
  }
}
