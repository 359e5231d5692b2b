import { Types, trusted, type Model } from "mongoose";
import { StoredCollection, type PageArgs } from "./collection";
import type { Equality } from "./filters";
import type { FerretSql } from "./sql";
import { insertAllOrNothing, isDuplicateKeyError } from "./writes";

/** A unique index refused a write (the store names the field it guards). */
export class DuplicateKey extends Error {}

/**
 * What every aggregate's store does the same way: pages in _id order filtered by equality, reads
 * by id (within a scope), inserts (all or nothing for many), updates by id. A unique index's
 * refusal comes back as DuplicateKey. The aggregate stores add their domain's methods on top.
 */
export class DocumentStore<T extends { _id: Types.ObjectId }> {
  readonly collection: StoredCollection<T>;

  constructor(protected readonly model: Model<T>, private readonly ferretSql: FerretSql | null) {
    this.collection = new StoredCollection(model, ferretSql);
  }

  page(filter: Equality, page: PageArgs) {
    return this.collection.page(filter, page);
  }

  find(filter: Equality): Promise<T[]> {
    return this.collection.find(filter);
  }

  byId(id: Types.ObjectId | string): Promise<T | null> {
    return this.collection.byId(id);
  }

  byIds(ids: (Types.ObjectId | string)[]): Promise<T[]> {
    return this.collection.byIds(ids);
  }

  inScope(id: Types.ObjectId | string, scope: Equality): Promise<T | null> {
    return this.collection.inScope(id, scope);
  }

  async exists(id: Types.ObjectId | string): Promise<boolean> {
    return (await this.model.exists({ _id: id })) !== null;
  }

  async create(fields: Partial<T>): Promise<T> {
    try {
      return (await this.model.create(fields)).toObject() as T;
    } catch (err) {
      if (isDuplicateKeyError(err)) throw new DuplicateKey();
      throw err;
    }
  }

  async insertAll(rows: Partial<T>[]): Promise<Types.ObjectId[]> {
    try {
      return await insertAllOrNothing(this.model, rows as Record<string, unknown>[]);
    } catch (err) {
      if (isDuplicateKeyError(err)) throw new DuplicateKey();
      throw err;
    }
  }

  /** Sets fields of one document; `expected` fields guard the change (null when they no longer hold). */
  async update(id: Types.ObjectId, changes: Record<string, unknown>, expected: Record<string, unknown> = {}): Promise<T | null> {
    try {
      return await this.model.findOneAndUpdate({ _id: id, ...expected }, { $set: changes }, { returnDocument: "after" }).lean<T>().exec() as T | null;
    } catch (err) {
      if (isDuplicateKeyError(err)) throw new DuplicateKey();
      throw err;
    }
  }

  /** Values of a unique field that are taken already, among these. */
  protected async taken(field: string, values: string[]): Promise<Set<string>> {
    if (this.ferretSql) return this.ferretSql.takenValues(this.collection.name, field, values);
    const found = new Set<string>();
    for (let i = 0; i < values.length; i += 1000) {
      const docs = await this.model.find({ [field]: trusted({ $in: values.slice(i, i + 1000) }) }, { [field]: 1 }).lean();
      for (const d of docs as Record<string, unknown>[]) found.add(String(d[field]));
    }
    return found;
  }
}
