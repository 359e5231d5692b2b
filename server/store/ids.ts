import { Types } from "mongoose";

/** A document's id as the store hands it out (a MongoDB ObjectId; its hex string is the API's id). */
export type Id = Types.ObjectId;

/** Whether `id` is the 24-hex-digit text of an id (the only form the API accepts). */
export function isIdText(id: string): boolean {
  return Types.ObjectId.isValid(id) && String(new Types.ObjectId(id)) === id.toLowerCase();
}

/** The id of a hex string the caller has checked (isIdText), or of an id. */
export function toId(id: string | Id): Id {
  return new Types.ObjectId(String(id));
}
