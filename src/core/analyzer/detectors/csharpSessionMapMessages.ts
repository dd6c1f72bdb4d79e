// The messages of csharp-session-map: one whole translated sentence per shape of finding (static or instance
// dictionary, the kind of class that owns it, and for a helper class the field of the hub, controller, page or
// singleton that holds it), with the note section and framework each shape links to.

import * as l10n from '@vscode/l10n';
import type { Node } from '@vscode/tree-sitter-wasm';

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

/** The finding's message (given where the dictionary is first written), and the note section and framework. */
export interface Description {
  readonly message: (where: string) => string;
  readonly note: string;
  readonly framework: string;
}

/** How a finding about `dictionary` of `className` is worded and which note section and framework it names. */
export function describe(kind: ClassKind, dictionary: SharedDictionary, className: string, holder?: Holder): Description {
  const typeName = dictionary.typeText.replace(/<.*$/s, '');
  const message = (where: string) => classMessage(kind, dictionary, typeName, className, where, holder);
  if (holder) {
    return holder.kind === 'hub' ? { message, note: SIGNALR, framework: 'SignalR' } : { message, note: HAND_ROLLED, framework: 'ASP.NET Core' };
  }
  switch (kind) {
    case 'hub':
      return { message, note: SIGNALR, framework: 'SignalR' };
    case 'controller':
      return { message, note: HAND_ROLLED, framework: 'ASP.NET Core MVC' };
    case 'page':
      return { message, note: HAND_ROLLED, framework: 'ASP.NET Core Razor Pages' };
    default:
      return { message, note: HAND_ROLLED, framework: 'ASP.NET Core' };
  }
}

/**
 * The finding's message for a dictionary of a hub, controller, page model or singleton class, written in `where` (a
 * method, `Join()`). Each shape (static or instance, the kind of class, and for a shared helper class the field that
 * holds it) is one whole message.
 */
function classMessage(kind: ClassKind, dictionary: SharedDictionary, typeName: string, className: string, where: string, holder?: Holder): string {
  const name = dictionary.name;
  if (holder) {
    return heldMessage(dictionary, typeName, className, where, holder);
  }
  switch (kind) {
    case 'hub':
      return dictionary.isStatic
        ? l10n.t({
            message: "The static {0} \"{1}\" of hub {2} is written in {3} and keeps per-user state in this process's memory: it is lost on restart and each instance has its own copy, so scaling out needs sticky routing.",
            args: [typeName, name, className, where],
            comment: ["{0} is a C# dictionary type (e.g. ConcurrentDictionary), {1} the name of a static field or property, {2} a SignalR hub class, {3} the method that writes it, e.g. Join()"],
          })
        : l10n.t({
            message: "The {0} field \"{1}\" of hub {2} is written in {3} and keeps per-user state in this process's memory: it is lost on restart and each instance has its own copy, so scaling out needs sticky routing.",
            args: [typeName, name, className, where],
            comment: ["{0} is a C# dictionary type (e.g. Dictionary), {1} the name of an instance field or property, {2} a SignalR hub class, {3} the method that writes it, e.g. Track()"],
          });
    case 'controller':
      return dictionary.isStatic
        ? l10n.t({
            message: "The static {0} \"{1}\" of controller {2} is written in {3} and keeps per-user state in this process's memory: it is lost on restart and each instance has its own copy, so scaling out needs sticky routing.",
            args: [typeName, name, className, where],
            comment: ["{0} is a C# dictionary type (e.g. ConcurrentDictionary), {1} the name of a static field or property, {2} a controller class, {3} the method that writes it, e.g. Join()"],
          })
        : l10n.t({
            message: "The {0} field \"{1}\" of controller {2} is written in {3} and keeps per-user state in this process's memory: it is lost on restart and each instance has its own copy, so scaling out needs sticky routing.",
            args: [typeName, name, className, where],
            comment: ["{0} is a C# dictionary type (e.g. Dictionary), {1} the name of an instance field or property, {2} a controller class, {3} the method that writes it, e.g. Track()"],
          });
    case 'page':
      return dictionary.isStatic
        ? l10n.t({
            message: "The static {0} \"{1}\" of page model {2} is written in {3} and keeps per-user state in this process's memory: it is lost on restart and each instance has its own copy, so scaling out needs sticky routing.",
            args: [typeName, name, className, where],
            comment: ["{0} is a C# dictionary type (e.g. ConcurrentDictionary), {1} the name of a static field or property, {2} a Razor page model class, {3} the method that writes it, e.g. Join()"],
          })
        : l10n.t({
            message: "The {0} field \"{1}\" of page model {2} is written in {3} and keeps per-user state in this process's memory: it is lost on restart and each instance has its own copy, so scaling out needs sticky routing.",
            args: [typeName, name, className, where],
            comment: ["{0} is a C# dictionary type (e.g. Dictionary), {1} the name of an instance field or property, {2} a Razor page model class, {3} the method that writes it, e.g. Track()"],
          });
    case 'singleton':
      return dictionary.isStatic
        ? l10n.t({
            message: "The static {0} \"{1}\" of singleton {2} is written in {3} and keeps per-user state in this process's memory: it is lost on restart and each instance has its own copy, so scaling out needs sticky routing.",
            args: [typeName, name, className, where],
            comment: ["{0} is a C# dictionary type (e.g. ConcurrentDictionary), {1} the name of a static field or property, {2} a class registered as a singleton, {3} the method that writes it, e.g. Join()"],
          })
        : l10n.t({
            message: "The {0} field \"{1}\" of singleton {2} is written in {3} and keeps per-user state in this process's memory: it is lost on restart and each instance has its own copy, so scaling out needs sticky routing.",
            args: [typeName, name, className, where],
            comment: ["{0} is a C# dictionary type (e.g. Dictionary), {1} the name of an instance field or property, {2} a class registered as a singleton, {3} the method that writes it, e.g. Track()"],
          });
  }
}

/** The message for a dictionary of a helper class whose instance a hub, controller, page or singleton keeps in a field. */
function heldMessage(dictionary: SharedDictionary, typeName: string, className: string, where: string, holder: Holder): string {
  const name = dictionary.name;
  switch (holder.kind) {
    case 'hub':
      if (dictionary.isStatic) {
        return holder.isStatic
          ? l10n.t({
              message: "The static {0} \"{1}\" of {2} (shared through the static field {3} of hub {4}) is written in {5} and keeps per-user state in this process's memory: it is lost on restart and each instance has its own copy, so scaling out needs sticky routing.",
              args: [typeName, name, className, holder.fieldName, holder.className, where],
              comment: ["{0} is a C# dictionary type, {1} the name of a static field or property, {2} the helper class that declares it, {3} the static field holding an instance of {2}, {4} a SignalR hub class, {5} the method that writes the dictionary, e.g. Add()"],
            })
          : l10n.t({
              message: "The static {0} \"{1}\" of {2} (shared through the field {3} of hub {4}) is written in {5} and keeps per-user state in this process's memory: it is lost on restart and each instance has its own copy, so scaling out needs sticky routing.",
              args: [typeName, name, className, holder.fieldName, holder.className, where],
              comment: ["{0} is a C# dictionary type, {1} the name of a static field or property, {2} the helper class that declares it, {3} the instance field holding an instance of {2}, {4} a SignalR hub class, {5} the method that writes the dictionary, e.g. Add()"],
            });
      }
      return holder.isStatic
        ? l10n.t({
            message: "The {0} field \"{1}\" of {2} (shared through the static field {3} of hub {4}) is written in {5} and keeps per-user state in this process's memory: it is lost on restart and each instance has its own copy, so scaling out needs sticky routing.",
            args: [typeName, name, className, holder.fieldName, holder.className, where],
            comment: ["{0} is a C# dictionary type, {1} the name of an instance field or property, {2} the helper class that declares it, {3} the static field holding an instance of {2}, {4} a SignalR hub class, {5} the method that writes the dictionary, e.g. Add()"],
          })
        : l10n.t({
            message: "The {0} field \"{1}\" of {2} (shared through the field {3} of hub {4}) is written in {5} and keeps per-user state in this process's memory: it is lost on restart and each instance has its own copy, so scaling out needs sticky routing.",
            args: [typeName, name, className, holder.fieldName, holder.className, where],
            comment: ["{0} is a C# dictionary type, {1} the name of an instance field or property, {2} the helper class that declares it, {3} the instance field holding an instance of {2}, {4} a SignalR hub class, {5} the method that writes the dictionary, e.g. Add()"],
          });
    case 'controller':
      if (dictionary.isStatic) {
        return holder.isStatic
          ? l10n.t({
              message: "The static {0} \"{1}\" of {2} (shared through the static field {3} of controller {4}) is written in {5} and keeps per-user state in this process's memory: it is lost on restart and each instance has its own copy, so scaling out needs sticky routing.",
              args: [typeName, name, className, holder.fieldName, holder.className, where],
              comment: ["{0} is a C# dictionary type, {1} the name of a static field or property, {2} the helper class that declares it, {3} the static field holding an instance of {2}, {4} a controller class, {5} the method that writes the dictionary, e.g. Add()"],
            })
          : l10n.t({
              message: "The static {0} \"{1}\" of {2} (shared through the field {3} of controller {4}) is written in {5} and keeps per-user state in this process's memory: it is lost on restart and each instance has its own copy, so scaling out needs sticky routing.",
              args: [typeName, name, className, holder.fieldName, holder.className, where],
              comment: ["{0} is a C# dictionary type, {1} the name of a static field or property, {2} the helper class that declares it, {3} the instance field holding an instance of {2}, {4} a controller class, {5} the method that writes the dictionary, e.g. Add()"],
            });
      }
      return holder.isStatic
        ? l10n.t({
            message: "The {0} field \"{1}\" of {2} (shared through the static field {3} of controller {4}) is written in {5} and keeps per-user state in this process's memory: it is lost on restart and each instance has its own copy, so scaling out needs sticky routing.",
            args: [typeName, name, className, holder.fieldName, holder.className, where],
            comment: ["{0} is a C# dictionary type, {1} the name of an instance field or property, {2} the helper class that declares it, {3} the static field holding an instance of {2}, {4} a controller class, {5} the method that writes the dictionary, e.g. Add()"],
          })
        : l10n.t({
            message: "The {0} field \"{1}\" of {2} (shared through the field {3} of controller {4}) is written in {5} and keeps per-user state in this process's memory: it is lost on restart and each instance has its own copy, so scaling out needs sticky routing.",
            args: [typeName, name, className, holder.fieldName, holder.className, where],
            comment: ["{0} is a C# dictionary type, {1} the name of an instance field or property, {2} the helper class that declares it, {3} the instance field holding an instance of {2}, {4} a controller class, {5} the method that writes the dictionary, e.g. Add()"],
          });
    case 'page':
      if (dictionary.isStatic) {
        return holder.isStatic
          ? l10n.t({
              message: "The static {0} \"{1}\" of {2} (shared through the static field {3} of page {4}) is written in {5} and keeps per-user state in this process's memory: it is lost on restart and each instance has its own copy, so scaling out needs sticky routing.",
              args: [typeName, name, className, holder.fieldName, holder.className, where],
              comment: ["{0} is a C# dictionary type, {1} the name of a static field or property, {2} the helper class that declares it, {3} the static field holding an instance of {2}, {4} a Razor page model class, {5} the method that writes the dictionary, e.g. Add()"],
            })
          : l10n.t({
              message: "The static {0} \"{1}\" of {2} (shared through the field {3} of page {4}) is written in {5} and keeps per-user state in this process's memory: it is lost on restart and each instance has its own copy, so scaling out needs sticky routing.",
              args: [typeName, name, className, holder.fieldName, holder.className, where],
              comment: ["{0} is a C# dictionary type, {1} the name of a static field or property, {2} the helper class that declares it, {3} the instance field holding an instance of {2}, {4} a Razor page model class, {5} the method that writes the dictionary, e.g. Add()"],
            });
      }
      return holder.isStatic
        ? l10n.t({
            message: "The {0} field \"{1}\" of {2} (shared through the static field {3} of page {4}) is written in {5} and keeps per-user state in this process's memory: it is lost on restart and each instance has its own copy, so scaling out needs sticky routing.",
            args: [typeName, name, className, holder.fieldName, holder.className, where],
            comment: ["{0} is a C# dictionary type, {1} the name of an instance field or property, {2} the helper class that declares it, {3} the static field holding an instance of {2}, {4} a Razor page model class, {5} the method that writes the dictionary, e.g. Add()"],
          })
        : l10n.t({
            message: "The {0} field \"{1}\" of {2} (shared through the field {3} of page {4}) is written in {5} and keeps per-user state in this process's memory: it is lost on restart and each instance has its own copy, so scaling out needs sticky routing.",
            args: [typeName, name, className, holder.fieldName, holder.className, where],
            comment: ["{0} is a C# dictionary type, {1} the name of an instance field or property, {2} the helper class that declares it, {3} the instance field holding an instance of {2}, {4} a Razor page model class, {5} the method that writes the dictionary, e.g. Add()"],
          });
    case 'singleton':
      if (dictionary.isStatic) {
        return holder.isStatic
          ? l10n.t({
              message: "The static {0} \"{1}\" of {2} (shared through the static field {3} of singleton {4}) is written in {5} and keeps per-user state in this process's memory: it is lost on restart and each instance has its own copy, so scaling out needs sticky routing.",
              args: [typeName, name, className, holder.fieldName, holder.className, where],
              comment: ["{0} is a C# dictionary type, {1} the name of a static field or property, {2} the helper class that declares it, {3} the static field holding an instance of {2}, {4} a class registered as a singleton, {5} the method that writes the dictionary, e.g. Add()"],
            })
          : l10n.t({
              message: "The static {0} \"{1}\" of {2} (shared through the field {3} of singleton {4}) is written in {5} and keeps per-user state in this process's memory: it is lost on restart and each instance has its own copy, so scaling out needs sticky routing.",
              args: [typeName, name, className, holder.fieldName, holder.className, where],
              comment: ["{0} is a C# dictionary type, {1} the name of a static field or property, {2} the helper class that declares it, {3} the instance field holding an instance of {2}, {4} a class registered as a singleton, {5} the method that writes the dictionary, e.g. Add()"],
            });
      }
      return holder.isStatic
        ? l10n.t({
            message: "The {0} field \"{1}\" of {2} (shared through the static field {3} of singleton {4}) is written in {5} and keeps per-user state in this process's memory: it is lost on restart and each instance has its own copy, so scaling out needs sticky routing.",
            args: [typeName, name, className, holder.fieldName, holder.className, where],
            comment: ["{0} is a C# dictionary type, {1} the name of an instance field or property, {2} the helper class that declares it, {3} the static field holding an instance of {2}, {4} a class registered as a singleton, {5} the method that writes the dictionary, e.g. Add()"],
          })
        : l10n.t({
            message: "The {0} field \"{1}\" of {2} (shared through the field {3} of singleton {4}) is written in {5} and keeps per-user state in this process's memory: it is lost on restart and each instance has its own copy, so scaling out needs sticky routing.",
            args: [typeName, name, className, holder.fieldName, holder.className, where],
            comment: ["{0} is a C# dictionary type, {1} the name of an instance field or property, {2} the helper class that declares it, {3} the instance field holding an instance of {2}, {4} a class registered as a singleton, {5} the method that writes the dictionary, e.g. Add()"],
          });
  }
}
