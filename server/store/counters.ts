/**
 * Retention counters: one document per graduation year (`retention_counters`, `_id` "2025:SCHOOL")
 * holding, per school ("x" + id), the figures of its current outcomes (recorded, employed, employed
 * in the city, further study, related to major).
 *
 * Kept only for the retention trend: every graduation year at once, so it would group every
 * outcome there is (millions: 6.4–9.4 s at 1,000,000 on the embedded FerretDB, even in SQL), and the
 * dashboard shows it on every visit. One year's figures, of any grouping, are counted when asked
 * (server/store/reports.store.ts: one SQL query for a year of 100,000 outcomes); so are graduates.
 *
 * Each `OutcomesStore.record` call adds its deltas with one $inc per year (atomic per document, so
 * concurrent writers add up). Without transactions a crash between the outcomes and the $inc leaves
 * a year off: `rebuild(year)` recounts it from the current outcomes (idempotent repair).
 */
import mongoose from "mongoose";
import type { EmploymentOutcome } from "../../schema/outcome.model";
import { OutcomeStatus } from "../../schema/outcome-status";
import type { OutcomeGroup, ReportsStore } from "./reports.store";

/** Figures of one counter cell: r recorded, e employed, c employed in the city, f further study, m related to major. */
export interface CounterCell {
  r: number;
  e: number;
  c: number;
  f: number;
  m: number;
}

interface CounterDoc {
  _id: string;
  year: number;
  dim: "SCHOOL";
  s: Record<string, Partial<CounterCell>>;
}

/** A year's figures of one school, from the counters. */
export interface SchoolYearFigures extends CounterCell {
  year: number;
  school: string;
}

const FIELDS = ["r", "e", "c", "f", "m"] as const;

function collection() {
  const db = mongoose.connection.db;
  if (!db) throw new Error("database not connected");
  return db.collection<CounterDoc>("retention_counters");
}

/** The cell of `n` outcomes of this kind. */
function cellOf(status: OutcomeStatus, inCity: boolean, relatedToMajor: boolean | null | undefined, n: number): CounterCell {
  const employed = status === OutcomeStatus.EMPLOYED;
  return { r: n, e: employed ? n : 0, c: employed && inCity ? n : 0, f: status === OutcomeStatus.FURTHER_STUDY ? n : 0, m: employed && relatedToMajor === true ? n : 0 };
}

/** Adds the cell to year → school → cell. */
function addTo(years: Map<number, Map<string, CounterCell>>, year: number, school: string, cell: CounterCell): void {
  let schools = years.get(year);
  if (!schools) years.set(year, (schools = new Map()));
  const sum = schools.get(school) ?? { r: 0, e: 0, c: 0, f: 0, m: 0 };
  for (const f of FIELDS) sum[f] += cell[f];
  schools.set(school, sum);
}

export class RetentionCounters {
  constructor(private readonly reports: ReportsStore) {}

  /** Counts records that became current (+1) and records that stopped being current (−1). */
  async add(current: readonly EmploymentOutcome[], demoted: readonly EmploymentOutcome[]): Promise<void> {
    const years = new Map<number, Map<string, CounterCell>>();
    for (const [records, sign] of [[current, 1], [demoted, -1]] as const) {
      for (const o of records) addTo(years, o.graduationYear, String(o.school), cellOf(o.status, o.inCity, o.relatedToMajor, sign));
    }
    for (const [year, schools] of years) {
      const inc: Record<string, number> = {};
      for (const [school, cell] of schools) for (const f of FIELDS) if (cell[f] !== 0) inc[`s.x${school}.${f}`] = cell[f];
      if (Object.keys(inc).length) await collection().updateOne({ _id: `${year}:SCHOOL` }, { $inc: inc, $set: { year, dim: "SCHOOL" } }, { upsert: true });
    }
  }

  /** Every year's figures per school (of one school when given). */
  async all(school: string | null): Promise<SchoolYearFigures[]> {
    const docs = await collection().find({ dim: "SCHOOL" }).toArray();
    const list: SchoolYearFigures[] = [];
    for (const doc of docs) {
      for (const [key, cell] of Object.entries(doc.s ?? {})) {
        const id = key.slice(1);
        if (school && id !== school) continue;
        list.push({ year: doc.year, school: id, r: cell.r ?? 0, e: cell.e ?? 0, c: cell.c ?? 0, f: cell.f ?? 0, m: cell.m ?? 0 });
      }
    }
    return list;
  }

  /** Replaces a year's counters by a recount of its current outcomes; returns the number of schools counted. */
  async rebuild(year: number): Promise<number> {
    if (!Number.isInteger(year)) throw new Error("year must be an integer");
    const years = new Map<number, Map<string, CounterCell>>();
    for (const g of await this.reports.outcomeGroups(year, "SCHOOL", null)) addTo(years, year, g.school, cellFromGroup(g));
    const s: CounterDoc["s"] = {};
    for (const [school, cell] of years.get(year) ?? []) s[`x${school}`] = cell;
    await collection().replaceOne({ _id: `${year}:SCHOOL` }, { year, dim: "SCHOOL", s }, { upsert: true });
    return Object.keys(s).length;
  }
}

function cellFromGroup(g: OutcomeGroup): CounterCell {
  return cellOf(g.status, g.inCity, g.relatedToMajor, g.n);
}

/**
 * Kept for the student service, which calls it whenever students of a year are written: graduates
 * are now counted when a report asks (no snapshot to drop), so there is nothing to do.
 */
export async function invalidateGraduates(years: Iterable<number>): Promise<void> {
  void years;
}
