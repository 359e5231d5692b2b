import { BadUserInputError } from "../errors";
import { isIdText, toId, type Id } from "../store/ids";

/** Parses an id argument, or BAD_USER_INPUT naming the field. */
export function toObjectId(field: string, id: string): Id {
  if (!isIdText(id)) throw new BadUserInputError(field, `not a valid id: "${id}"`);
  return toId(id);
}
