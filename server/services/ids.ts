import { Types } from "mongoose";
import { BadUserInputError } from "../errors";

/** Parses an id argument, or BAD_USER_INPUT naming the field. */
export function toObjectId(field: string, id: string): Types.ObjectId {
  if (!Types.ObjectId.isValid(id) || String(new Types.ObjectId(id)) !== id.toLowerCase()) {
    throw new BadUserInputError(field, `not a valid id: "${id}"`);
  }
  return new Types.ObjectId(id);
}
