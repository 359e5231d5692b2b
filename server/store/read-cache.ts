import mongoose from "mongoose";
import type { CommandStartedEvent, MongoClient } from "mongodb";

/** Commands that change a collection (the collection is the command's first value). */
const WRITES = new Set(["insert", "update", "delete", "findAndModify", "drop", "create", "createIndexes"]);

/**
 * Each collection's write version in this process: bumped when a write command is sent, seen
 * through the driver's command monitoring, so no write escapes it (the stores', a bench's, a
 * test's). `dropDatabase` bumps everything.
 */
class WriteVersions {
  private readonly versions = new Map<string, number>();
  private epoch = 0;
  private readonly watched = new WeakSet<MongoClient>();

  bump(collection: string): void {
    this.versions.set(collection, (this.versions.get(collection) ?? 0) + 1);
  }

  bumpAll(): void {
    this.epoch += 1;
  }

  of(collections: readonly string[]): string {
    return `${this.epoch}:${collections.map((c) => this.versions.get(c) ?? 0).join(",")}`;
  }

  /** Follows the writes of mongoose's current client (once per client). */
  watch(): void {
    const client = mongoose.connection.readyState === 1 ? mongoose.connection.getClient() : null;
    if (!client || this.watched.has(client)) return;
    this.watched.add(client);
    client.on("commandStarted", (event: CommandStartedEvent) => {
      if (event.commandName === "dropDatabase") this.bumpAll();
      else if (WRITES.has(event.commandName)) this.bump(String(event.command[event.commandName]));
    });
  }
}

const versions = new WriteVersions();

interface Entry { version: string; at: number; value: Promise<unknown> }

/**
 * An in-process cache of reads that cost more than a request should wait (report groupings over
 * a year of outcomes). An entry holds the write versions of the collections it read, taken before
 * the read: any write to one of them since then (from this process) makes it a miss, so a write is
 * seen by the next read (tests/api/read-cache.test.ts). Writes by other processes (several
 * servers on one MongoDB) are seen after `ttlMs`. Values are shared: callers must not change them.
 */
/**
 * The cache of a store: on the embedded database this server is the only writer, so an entry lives
 * until a write (or 60 s); on MongoDB other servers' writes are seen within a second.
 */
export function storeCache(embedded: boolean): ReadCache {
  return new ReadCache({ ttlMs: embedded ? 60_000 : 1_000 });
}

export class ReadCache {
  private readonly entries = new Map<string, Entry>();

  constructor(private readonly options: { ttlMs: number; maxEntries?: number }) {}

  get<T>(key: string, collections: readonly string[], load: () => Promise<T>): Promise<T> {
    versions.watch();
    const version = versions.of(collections);
    const now = Date.now();
    const hit = this.entries.get(key);
    if (hit && hit.version === version && now - hit.at < this.options.ttlMs) return hit.value as Promise<T>;
    const value = load();
    this.entries.delete(key);
    this.entries.set(key, { version, at: now, value });
    value.catch(() => this.entries.get(key)?.value === value && this.entries.delete(key));
    if (this.entries.size > (this.options.maxEntries ?? 1000)) this.entries.delete(this.entries.keys().next().value!);
    return value;
  }
}
