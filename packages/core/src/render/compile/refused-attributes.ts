import { mayBeUnsafeAttribute, pythonTypeOfValue, unsafeAttributeMessage } from "../sandbox.ts";
import { hasKey, isDict, notCompiled, typeName } from "./values.ts";

/**
 * Leaves to the interpreter what Jinja2's sandbox refuses (`x.__class__`, `messages.append`): there it is an undefined
 * value that raises the sandbox's error when used, which plain values cannot stand for. `subscript` is `x['name']`,
 * where a dict's own key comes first.
 */
export function leaveRefusedAttribute(object: unknown, name: string, subscript: boolean): void {
  if (!mayBeUnsafeAttribute(name)) return;
  if (subscript && isDict(object) && hasKey(object, name)) return;
  if (unsafeAttributeMessage(pythonTypeOfValue(typeName(object)), name) !== undefined) notCompiled(`the sandbox refuses .${name}`);
}
