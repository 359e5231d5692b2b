import { Types, trusted } from "mongoose";
import { EnterpriseModel, type Enterprise } from "../../schema/enterprise.model";
import { EmploymentOutcomeModel, type EmploymentOutcome } from "../../schema/outcome.model";
import { SchoolModel, type School } from "../../schema/school.model";
import { StudentModel, type Student } from "../../schema/student.model";

/** What a caller gives of a new destination; the store adds its chain fields and its id. */
export type NewOutcome = Omit<EmploymentOutcome, "_id" | "createdAt" | "current" | "currentKey" | "follows" | "batch" | "recordedBy">;

/** What a record call wrote: the new current records, the heads they replaced, the records that stopped being current. */
export interface RecordedOutcomes {
  written: EmploymentOutcome[];
  replaced: EmploymentOutcome[];
  demoted: EmploymentOutcome[];
}

/** Two writers of one (student, year) at once: the later one is refused, nothing of its call is written. */
export class OutcomeConflict extends Error {
  constructor(readonly replacing: boolean) {
    super("a destination was recorded meanwhile");
  }
}

/** A chain head whose writer has not promoted it yet is in flight for this long, then taken over. */
const IN_FLIGHT_MS = 60_000;
const PARALLEL = 50;

/** Runs `task` over the items, PARALLEL at a time, results in the items' order. */
export async function inParallel<T, R>(items: readonly T[], task: (item: T) => Promise<R>): Promise<R[]> {
  const results: R[] = new Array(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const i = next++;
      results[i] = await task(items[i]!);
    }
  };
  await Promise.all(Array.from({ length: Math.min(PARALLEL, items.length) }, worker));
  return results;
}

/** E11000: a unique index refused an insert (MongoDB and FerretDB alike). */
function isDuplicateKeyError(err: unknown): boolean {
  const e = err as { code?: unknown; writeErrors?: { code?: unknown }[] } | null;
  return typeof e === "object" && e !== null && (e.code === 11000 || (e.writeErrors ?? []).some((w) => w.code === 11000));
}

const keyOf = (student: Types.ObjectId | string, year: number) => `${String(student)}:${year}`;

/**
 * Graduate destinations (employment_outcomes) and what recording them reads: students (by id, by
 * national-ID hash), enterprises and schools. Every read is an `_id` look-up or a top-level
 * equality (GIN-indexed on FerretDB, indexed on MongoDB); nothing scans.
 *
 * Guarantees (without transactions):
 * - a (student, year) has at most one current record (unique `currentKey`), and its records form
 *   one chain (unique `follows`): the current record is the head, every other one history;
 * - `record` writes all its rows or none; of two writers of the same (student, year) who read the
 *   same head, the second gets OutcomeConflict (its insert, the guarded step, fails with E11000);
 * - a write interrupted after its insert leaves its record as an unpromoted head: a conflict for
 *   the next IN_FLIGHT_MS, then replaced like any record.
 */
export class OutcomesStore {
  /** Whether a string is an id the store can look up (24 hex digits). */
  isId(text: string): boolean {
    return /^[0-9a-fA-F]{24}$/.test(text);
  }

  /** Students by id, missing ones left out. */
  async students(ids: readonly string[]): Promise<Student[]> {
    const found = await inParallel(ids.filter((id) => this.isId(id)), (id) => StudentModel.findById(id).lean<Student>().exec());
    return found.filter((s): s is Student => s !== null);
  }

  /** Students by the keyed hash of their national ID (unique field), as hash → student. */
  async studentsByNationalIdHash(hashes: readonly string[]): Promise<Map<string, Student>> {
    const found = await inParallel(hashes, (hash) => StudentModel.findOne({ nationalIdHash: hash }).lean<Student>().exec());
    return new Map(found.filter((s): s is Student => s !== null).map((s) => [s.nationalIdHash, s]));
  }

  async enterprises(ids: readonly string[]): Promise<Enterprise[]> {
    const found = await inParallel(ids.filter((id) => this.isId(id)), (id) => EnterpriseModel.findById(id).lean<Enterprise>().exec());
    return found.filter((e): e is Enterprise => e !== null);
  }

  async schools(ids: readonly string[]): Promise<School[]> {
    const found = await inParallel(ids.filter((id) => this.isId(id)), (id) => SchoolModel.findById(id).lean<School>().exec());
    return found.filter((s): s is School => s !== null);
  }

  /** Every record (current and history) of a student, of one year when given, newest first. */
  async history(student: string, year?: number | null): Promise<EmploymentOutcome[]> {
    if (!this.isId(student)) return [];
    const filter: Record<string, unknown> = { student: new Types.ObjectId(student) };
    if (year) filter.graduationYear = year;
    return EmploymentOutcomeModel.find(filter).sort({ _id: -1 }).lean<EmploymentOutcome[]>().exec();
  }

  /** The current record of a student's destination for a graduation year, or null. */
  async currentFor(student: string, year: number): Promise<EmploymentOutcome | null> {
    return EmploymentOutcomeModel.findOne({ currentKey: keyOf(student, year) }).lean<EmploymentOutcome>().exec();
  }

  /**
   * Records destinations (at most one row per (student, year); the caller checked every row), all
   * or nothing. Each row becomes the head of its (student, year)'s chain; the head it follows, if
   * any, and every record still marked current become history. Returns the records written and
   * those they replaced. Steps: (1) insert every row, each naming the head it follows (unique:
   * a concurrent writer of the same head fails here, OutcomeConflict); a row that replaces a record
   * is inserted as history and (3) promoted after (2) the records it replaces are demoted. Any
   * failure deletes this call's records and restores the demoted ones.
   */
  async record(rows: readonly NewOutcome[], batch: string, recordedBy: string, now = new Date()): Promise<RecordedOutcomes> {
    const chains = await inParallel(rows, (row) => EmploymentOutcomeModel.find({ student: row.student, graduationYear: row.graduationYear }).lean<EmploymentOutcome[]>().exec());
    const heads = chains.map((chain) => headOf(chain, now));
    const docs: EmploymentOutcome[] = rows.map((row, i) => {
      const _id = new Types.ObjectId();
      const key = keyOf(row.student, row.graduationYear);
      const head = heads[i];
      return { ...row, _id, follows: head ? String(head._id) : key, current: !head, currentKey: head ? `${key}:${String(_id)}` : key, batch, recordedBy, createdAt: now };
    });
    await this.insertGuarded(docs, heads);
    const demote = chains.flatMap((chain) => chain.filter((r) => r.current));
    const demoted: EmploymentOutcome[] = [];
    try {
      await inParallel(demote, async (r) => {
        await EmploymentOutcomeModel.updateOne({ _id: r._id }, { $set: { current: false, currentKey: `${keyOf(r.student, r.graduationYear)}:${String(r._id)}` } });
        demoted.push(r);
      });
      const promote = docs.filter((d) => !d.current);
      await inParallel(promote, (d) => EmploymentOutcomeModel.updateOne({ _id: d._id }, { $set: { current: true, currentKey: keyOf(d.student, d.graduationYear) } }));
      for (const d of promote) Object.assign(d, { current: true, currentKey: keyOf(d.student, d.graduationYear) });
    } catch (err) {
      await this.undo(docs, demoted);
      if (isDuplicateKeyError(err)) throw new OutcomeConflict(true);
      throw err;
    }
    return { written: docs, replaced: heads.filter((h): h is EmploymentOutcome => h !== null), demoted };
  }

  /** Inserts the records in order; on any failure deletes those inserted (E11000: OutcomeConflict). */
  private async insertGuarded(docs: EmploymentOutcome[], heads: (EmploymentOutcome | null)[]): Promise<void> {
    try {
      for (let i = 0; i < docs.length; i += 1000) {
        await EmploymentOutcomeModel.insertMany(docs.slice(i, i + 1000).map((d) => ({ ...d, updatedAt: d.createdAt })), { ordered: true, lean: true });
      }
    } catch (err) {
      await this.undo(docs, []);
      if (isDuplicateKeyError(err)) {
        const failed = (err as { index?: number; writeErrors?: { index?: number }[] }).writeErrors?.[0]?.index;
        throw new OutcomeConflict(failed !== undefined ? heads[failed] !== null : heads.some((h) => h !== null));
      }
      throw err;
    }
  }

  private async undo(docs: EmploymentOutcome[], demoted: EmploymentOutcome[]): Promise<void> {
    // Deleting first frees the current keys the demoted records get back.
    for (let i = 0; i < docs.length; i += 1000) {
      await EmploymentOutcomeModel.deleteMany({ _id: trusted({ $in: docs.slice(i, i + 1000).map((d) => d._id) }) });
    }
    await inParallel(demoted, (r) => EmploymentOutcomeModel.updateOne({ _id: r._id }, { $set: { current: true, currentKey: r.currentKey } }).catch(() => undefined));
  }
}

/**
 * The head of a (student, year)'s chain: the record nobody follows, or null for none. A head not
 * yet promoted (current false) was written by a call still in flight, or one that died: a conflict
 * while recent, replaced once older than IN_FLIGHT_MS.
 */
function headOf(chain: EmploymentOutcome[], now: Date): EmploymentOutcome | null {
  if (chain.length === 0) return null;
  const followed = new Set(chain.map((r) => r.follows));
  const heads = chain.filter((r) => !followed.has(String(r._id)));
  const head = heads.sort((a, b) => (String(a._id) < String(b._id) ? 1 : -1))[0] ?? null;
  if (head && !head.current && now.getTime() - new Date(head.createdAt).getTime() < IN_FLIGHT_MS) throw new OutcomeConflict(true);
  return head;
}
