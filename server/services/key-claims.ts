import type { Types } from "mongoose";
import { trusted } from "mongoose";
import { KeyClaimModel } from "../../schema/key-claim.model";

/** A claim whose owner never appeared (its writer crashed) is taken over after this long. */
const STALE_AFTER_MS = 60_000;

export interface Claim {
  key: string;
  owner: Types.ObjectId;
}

/**
 * Unique keys held by _id in `key_claims`: claiming 5,000 keys is one
 * insertMany whatever the size of the collection, where a unique-index check
 * on another field would scan every document on FerretDB's SQLite backend.
 */
export class KeyClaims {
  /**
   * Claims every key for `batch`. Returns the keys already held by an existing
   * owner (conflicts); on any conflict, this batch's own claims are released.
   */
  async claim(claims: Claim[], batch: string, ownerExists: (owner: Types.ObjectId) => Promise<boolean>): Promise<string[]> {
    if (claims.length === 0) return [];
    const now = new Date();
    const taken = await this.insert(claims, batch, now);
    const conflicts: string[] = [];
    for (const key of taken) {
      const claim = claims.find((c) => c.key === key)!;
      if (!(await this.takeOverIfStale(key, claim.owner, batch, now, ownerExists))) conflicts.push(key);
    }
    if (conflicts.length > 0) await this.release(batch, claims.map((c) => c.key));
    return conflicts;
  }

  /**
   * Claims every key not held yet for `batch` and leaves held ones as they are (no conflict, no
   * release): for giving records that already exist their keys, where an interrupted earlier run
   * may have claimed some.
   */
  async claimUnheld(claims: Claim[], batch: string): Promise<void> {
    const now = new Date();
    for (let i = 0; i < claims.length; i += 1000) await this.insert(claims.slice(i, i + 1000), batch, now);
  }

  /** Inserts the claims (unordered); returns the keys already held. Other write errors are thrown. */
  private async insert(claims: Claim[], batch: string, now: Date): Promise<Set<string>> {
    const taken = new Set<string>();
    try {
      await KeyClaimModel.insertMany(claims.map((c) => ({ _id: c.key, owner: c.owner, batch, claimedAt: now })), { ordered: false, lean: true });
    } catch (err) {
      const writeErrors = (err as { writeErrors?: { index?: number; err?: { index?: number; code?: number }; code?: number }[] }).writeErrors;
      if (!writeErrors) throw err;
      for (const e of writeErrors) {
        const index = e.index ?? e.err?.index;
        const code = e.code ?? e.err?.code;
        if (code !== 11000 || index === undefined) throw err;
        taken.add(claims[index]!.key);
      }
    }
    return taken;
  }

  /** The owner of a key, or null. */
  async ownerOf(key: string): Promise<Types.ObjectId | null> {
    const claim = await KeyClaimModel.findById(key).lean();
    return claim ? claim.owner : null;
  }

  /** Releases this batch's claims among `keys` (never another batch's). */
  async release(batch: string, keys: string[]): Promise<void> {
    for (let i = 0; i < keys.length; i += 1000) {
      await KeyClaimModel.deleteMany({ _id: trusted({ $in: keys.slice(i, i + 1000) }), batch });
    }
  }

  private async takeOverIfStale(key: string, owner: Types.ObjectId, batch: string, now: Date, ownerExists: (owner: Types.ObjectId) => Promise<boolean>): Promise<boolean> {
    const existing = await KeyClaimModel.findById(key).lean();
    if (!existing) {
      // Released meanwhile: try once more.
      try {
        await KeyClaimModel.create({ _id: key, owner, batch, claimedAt: now });
        return true;
      } catch {
        return false;
      }
    }
    if (now.getTime() - existing.claimedAt.getTime() < STALE_AFTER_MS) return false;
    if (await ownerExists(existing.owner)) return false;
    const replaced = await KeyClaimModel.findOneAndUpdate(
      { _id: key, batch: existing.batch },
      { $set: { owner, batch, claimedAt: now } },
    ).lean();
    return replaced !== null;
  }
}
