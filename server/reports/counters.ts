/**
 * Pre-aggregated retention counters (collection `retention_counters`, see RetentionCounterDoc;
 * school keys are "x" + school id and group keys "k" + key, so no path segment is all digits).
 *
 * Why: FerretDB v1.24 (SQLite) pushes no filter but `_id` equality down to SQLite; every other
 * query or $match decodes the whole collection in Go (≈ 40–70 µs a document on our 2-core
 * machine), so grouping a million outcomes, or even counting a year's students, at request time
 * takes far longer than 2 s (figures in server/bench/retention-bench.ts). Instead:
 * - each write of outcomes applies $inc deltas to at most four documents per graduation year
 *   ("2025:SCHOOL", "2025:MAJOR", "2025:INDUSTRY", "2025:DISTRICT"), atomic per document;
 * - graduates per (school, major) of a year are a snapshot ("2025:GRADUATES"), dropped by the
 *   student service whenever students of that year are written (invalidateGraduates) and taken
 *   again when missing, on rebuild, and in the background when older than GRADUATES_MAX_AGE_MS
 *   (a safety net for a write interrupted between the students and the drop);
 * - reports read these documents by _id.
 * Without transactions a crash between an outcome write and its $inc leaves the counters off;
 * `rebuildCounters(year)` recounts a year from the current outcomes (idempotent repair).
 */
import mongoose, { Types } from "mongoose";
import { EmploymentOutcomeModel, OutcomeStatus, type CounterCell, type CounterDimension, type RetentionCounterDoc } from "../../schema/outcome.model";
import { StudentModel } from "../../schema/student.model";

export const COUNTER_DIMENSIONS: readonly CounterDimension[] = ["SCHOOL", "MAJOR", "INDUSTRY", "DISTRICT"];
export const GRADUATES_MAX_AGE_MS = 10 * 60 * 1000;
const ALL = "ALL";

export function counters() {
  const db = mongoose.connection.db;
  if (!db) throw new Error("database not connected");
  return db.collection<RetentionCounterDoc>("retention_counters");
}

/** The fields of an outcome the counters depend on. */
export interface CountedOutcome {
  school: Types.ObjectId;
  graduationYear: number;
  major: string;
  status: OutcomeStatus;
  inCity: boolean;
  industryDivision?: string | null;
  workDistrict?: string | null;
  relatedToMajor?: boolean | null;
}

export const emptyCell = (): CounterCell => ({ r: 0, e: 0, c: 0, f: 0, m: 0 });

/** Accumulates counter deltas of outcomes added (sign 1) or replaced (sign −1). */
export class CounterDeltas {
  /** doc id → school → key → cell */
  readonly docs = new Map<string, { year: number; dim: CounterDimension; cells: Map<string, Map<string, CounterCell>> }>();

  add(outcome: CountedOutcome, sign: 1 | -1, times = 1): void {
    const n = sign * times;
    const employed = outcome.status === OutcomeStatus.EMPLOYED;
    const delta: CounterCell = {
      r: n,
      e: employed ? n : 0,
      c: employed && outcome.inCity ? n : 0,
      f: outcome.status === OutcomeStatus.FURTHER_STUDY ? n : 0,
      m: employed && outcome.relatedToMajor === true ? n : 0,
    };
    const keys: [CounterDimension, string | null | undefined][] = [
      ["SCHOOL", ALL],
      ["MAJOR", outcome.major],
      // Industry and work district exist only for employed graduates.
      ["INDUSTRY", employed ? outcome.industryDivision : null],
      ["DISTRICT", employed ? outcome.workDistrict : null],
    ];
    for (const [dim, key] of keys) {
      if (!key) continue;
      const id = `${outcome.graduationYear}:${dim}`;
      let doc = this.docs.get(id);
      if (!doc) this.docs.set(id, (doc = { year: outcome.graduationYear, dim, cells: new Map() }));
      const school = String(outcome.school);
      let bySchool = doc.cells.get(school);
      if (!bySchool) doc.cells.set(school, (bySchool = new Map()));
      const cell = bySchool.get(key) ?? emptyCell();
      cell.r += delta.r;
      cell.e += delta.e;
      cell.c += delta.c;
      cell.f += delta.f;
      cell.m += delta.m;
      bySchool.set(key, cell);
    }
  }

  years(): number[] {
    return [...new Set([...this.docs.values()].map((d) => d.year))];
  }

  /** One upserting $inc update per counter document. */
  async apply(): Promise<void> {
    for (const [id, doc] of this.docs) {
      const inc: Record<string, number> = {};
      for (const [school, cells] of doc.cells) {
        for (const [key, cell] of cells) {
          for (const field of ["r", "e", "c", "f", "m"] as const) if (cell[field] !== 0) inc[`s.x${school}.k${key}.${field}`] = cell[field];
        }
      }
      if (Object.keys(inc).length === 0) continue;
      await counters().updateOne({ _id: id }, { $inc: inc, $set: { year: doc.year, dim: doc.dim } }, { upsert: true });
    }
  }
}

/** Reads a counter document as school → group key → cell (keys without the "k" prefix). */
export async function readCounters(year: number, dim: CounterDimension): Promise<Map<string, Map<string, CounterCell>>> {
  const doc = await counters().findOne({ _id: `${year}:${dim}` });
  return unpack(doc);
}

export function unpack(doc: RetentionCounterDoc | null): Map<string, Map<string, CounterCell>> {
  const result = new Map<string, Map<string, CounterCell>>();
  for (const [school, cells] of Object.entries(doc?.s ?? {})) {
    const map = new Map<string, CounterCell>();
    for (const [key, cell] of Object.entries(cells)) map.set(key.slice(1), { r: cell.r ?? 0, e: cell.e ?? 0, c: cell.c ?? 0, f: cell.f ?? 0, m: cell.m ?? 0 });
    result.set(school.slice(1), map);
  }
  return result;
}

const refreshing = new Map<number, Promise<unknown>>();

/**
 * Graduates of a year per school → major, from the snapshot: taken now when missing; when older
 * than GRADUATES_MAX_AGE_MS the stale figures are returned and a refresh starts in the background
 * (counting students scans the collection: seconds for 100,000 students on FerretDB).
 */
export async function readGraduates(year: number, now = Date.now()): Promise<Map<string, Map<string, number>>> {
  const doc = await counters().findOne({ _id: `${year}:GRADUATES` });
  if (!doc || !doc.takenAt) return snapshotGraduates(year);
  if (now - doc.takenAt.getTime() > GRADUATES_MAX_AGE_MS && !refreshing.has(year)) {
    refreshing.set(year, snapshotGraduates(year).catch(() => undefined).finally(() => refreshing.delete(year)));
  }
  const result = new Map<string, Map<string, number>>();
  for (const [school, cells] of Object.entries(doc.s ?? {})) result.set(school.slice(1), new Map(Object.entries(cells).map(([k, v]) => [k.slice(1), v.g ?? 0])));
  return result;
}

/** Counts the students of a graduation year per (school, major) and stores the snapshot. */
export async function snapshotGraduates(year: number): Promise<Map<string, Map<string, number>>> {
  if (!Number.isInteger(year)) throw new Error("year must be an integer");
  const groups = await StudentModel.aggregate<{ _id: { school: Types.ObjectId; major: string }; n: number }>([
    { $match: { graduationYear: year } },
    { $group: { _id: { school: "$school", major: "$major" }, n: { $sum: 1 } } },
  ]).option({ maxTimeMS: 600_000 });
  const result = new Map<string, Map<string, number>>();
  const s: RetentionCounterDoc["s"] = {};
  for (const g of groups) {
    const school = String(g._id.school);
    if (!result.has(school)) result.set(school, new Map());
    result.get(school)!.set(g._id.major, g.n);
    (s[`x${school}`] ??= {})[`k${g._id.major}`] = { g: g.n };
  }
  await counters().replaceOne({ _id: `${year}:GRADUATES` }, { year, dim: "GRADUATES", s, takenAt: new Date() }, { upsert: true });
  return result;
}

interface GroupedOutcomes {
  _id: { school: Types.ObjectId; major: string; status: OutcomeStatus; inCity: boolean; industryDivision: string | null; workDistrict: string | null; relatedToMajor: boolean | null };
  n: number;
}

/**
 * The counter deltas of one year computed from the current outcomes with a single $match +
 * $group (FerretDB's aggregation); the pipeline is built here from a validated integer.
 */
export async function countersFromOutcomes(year: number): Promise<CounterDeltas> {
  if (!Number.isInteger(year)) throw new Error("year must be an integer");
  const groups = await EmploymentOutcomeModel.aggregate<GroupedOutcomes>([
    { $match: { graduationYear: year, current: true } },
    {
      $group: {
        _id: { school: "$school", major: "$major", status: "$status", inCity: "$inCity", industryDivision: "$industryDivision", workDistrict: "$workDistrict", relatedToMajor: "$relatedToMajor" },
        n: { $sum: 1 },
      },
    },
  ]).option({ maxTimeMS: 600_000 });
  const deltas = new CounterDeltas();
  for (const g of groups) deltas.add({ ...g._id, graduationYear: year }, 1, g.n);
  return deltas;
}

/** Writes whole counter documents (replacing them) from deltas computed over complete data; returns the number of cells. */
export async function writeCounters(deltas: CounterDeltas, years: readonly number[]): Promise<number> {
  let cells = 0;
  for (const year of years) {
    for (const dim of COUNTER_DIMENSIONS) {
      const doc = deltas.docs.get(`${year}:${dim}`);
      const s: RetentionCounterDoc["s"] = {};
      for (const [school, map] of doc?.cells ?? []) {
        const cellsOfSchool: Record<string, CounterCell> = (s[`x${school}`] = {});
        for (const [key, cell] of map) {
          cellsOfSchool[`k${key}`] = cell;
          cells += 1;
        }
      }
      await counters().replaceOne({ _id: `${year}:${dim}` }, { year, dim, s }, { upsert: true });
    }
  }
  return cells;
}

/** Replaces a year's counters by a recount of its current outcomes and retakes its graduates; returns the number of counter cells. */
export async function rebuildCounters(year: number): Promise<number> {
  const cells = await writeCounters(await countersFromOutcomes(year), [year]);
  await snapshotGraduates(year);
  return cells;
}

/**
 * Drops the graduate-count snapshots of these graduation years, so the next
 * report recounts them: called by the student service whenever students of a
 * year are added or change school, major or year.
 */
export async function invalidateGraduates(years: Iterable<number>): Promise<void> {
  for (const year of new Set(years)) await counters().deleteOne({ _id: `${year}:GRADUATES` });
}
