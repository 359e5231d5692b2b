/**
 * Seeded generator of realistic allocation instances for benchmarks and tests: students with
 * majors and home districts, enterprises with headcounts from 50 to 5,000 whose bounds come
 * from enterpriseBounds, postings with capacities 1-10, and 10-30 eligible postings per
 * student scored by the same rules as buildEdges. Pure: the same options give the same instance.
 */
import { enterpriseBounds, DEFAULT_POLICY, DEFAULT_WEIGHTS, edgeScore, isEligible } from "../matching/profiles";
import type { EdgePosting, EdgeStudent, EducationLevel, Instance, InstanceEdge } from "../matching/types";

export interface SyntheticOptions {
  students: number;
  seed?: number;
  /** Postings per student (default 0.2: 100,000 students -> 20,000 postings). */
  postingsPerStudent?: number;
  /** Postings per enterprise on average (default 3). */
  postingsPerEnterprise?: number;
  minEdgesPerStudent?: number;
  maxEdgesPerStudent?: number;
  floorPenalty?: number;
}

/** mulberry32: small, fast, good enough for synthetic data. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Quanzhou districts (GB/T 2260) and a few outside the city. */
const QUANZHOU_DISTRICTS = ["350502", "350503", "350504", "350505", "350521", "350524", "350525", "350526", "350581", "350582", "350583"];
const OTHER_DISTRICTS = ["350102", "350203", "350602", "350702", "360102", "440104"];
/** Vocational major categories (2-digit): equipment, chemicals, textiles, electronics, commerce, tourism, transport, construction. */
const CATEGORIES = ["46", "47", "48", "49", "51", "53", "54", "50", "44"];
const LEVELS: EducationLevel[] = ["SECONDARY_VOCATIONAL", "HIGHER_VOCATIONAL", "VOCATIONAL_UNDERGRADUATE", "UNDERGRADUATE"];

function pad(n: number, width: number): string {
  return String(n).padStart(width, "0");
}

/** What the generator produces besides the students' edges, which it hands over one student at a time. */
interface SyntheticLists {
  floorPenalty: number;
  enterprises: Instance["enterprises"];
  postings: EdgePosting[];
  capacities: number[];
}

/**
 * The generator's steps, in the order they draw random numbers: enterprises, postings, then each
 * student with its edges, handed to `onStudent` (so that a million students and 20M edges can be
 * written out without ever being held as objects).
 */
function synthesize(
  options: SyntheticOptions,
  onLists: (lists: SyntheticLists) => void,
  onStudent: (student: EdgeStudent, entry: Instance["students"][number], edges: InstanceEdge[]) => void,
): void {
  const random = seededRandom(options.seed ?? 1);
  const int = (lo: number, hi: number): number => lo + Math.floor(random() * (hi - lo + 1));
  const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)];
  const nStudents = options.students;
  const nPostings = Math.max(1, Math.round(nStudents * (options.postingsPerStudent ?? 0.2)));
  const nEnterprises = Math.max(1, Math.round(nPostings / (options.postingsPerEnterprise ?? 3)));
  const minEdges = options.minEdgesPerStudent ?? 10;
  const maxEdges = options.maxEdgesPerStudent ?? 30;
  const district = (): string => (random() < 0.85 ? pick(QUANZHOU_DISTRICTS) : pick(OTHER_DISTRICTS));
  // Fewer classes per category in small instances, so that every student still finds 10-30 postings.
  const classesPerCategory = Math.max(1, Math.min(4, Math.round(nPostings / 1000)));
  const classOf = (category: string): string => category + pad(int(1, classesPerCategory), 2);
  const majorOf = (klass: string): string => klass + pad(int(1, 5), 2);

  const enterprises: Instance["enterprises"] = [];
  const enterpriseCategory: string[] = [];
  for (let e = 0; e < nEnterprises; e++) {
    const headcount = Math.round(50 * Math.pow(100, random())); // log-uniform 50..5,000
    const aboveScale = random() < (headcount >= 300 ? 0.8 : 0.3);
    const bounds = enterpriseBounds({ headcount, aboveScale }, int(0, 2), DEFAULT_POLICY);
    enterprises.push({ id: `ent-${pad(e, 6)}`, ...bounds });
    enterpriseCategory.push(pick(CATEGORIES));
  }

  const postings: EdgePosting[] = [];
  const capacities: number[] = [];
  const byClass = new Map<string, number[]>();
  for (let p = 0; p < nPostings; p++) {
    const e = p < nEnterprises ? p : int(0, nEnterprises - 1);
    const category = enterpriseCategory[e];
    const majors: string[] = [];
    const classes = new Set<string>();
    for (let k = int(1, 3); k > 0; k--) {
      const klass = classOf(category);
      classes.add(klass);
      majors.push(random() < 0.4 ? klass : majorOf(klass));
    }
    const levels = random() < 0.6 ? [] : [pick(LEVELS), pick(LEVELS)];
    postings.push({ id: `post-${pad(p, 6)}`, enterprise: enterprises[e].id, kind: "INTERNSHIP", majors, levels, district: district(), open: true });
    capacities.push(int(1, 10));
    for (const klass of classes) {
      const list = byClass.get(klass);
      if (list) list.push(p);
      else byClass.set(klass, [p]);
    }
  }
  onLists({ floorPenalty: options.floorPenalty ?? 1000, enterprises, postings, capacities });

  const chosen = new Set<number>();
  for (let s = 0; s < nStudents; s++) {
    const klass = classOf(pick(CATEGORIES));
    const student: EdgeStudent = {
      id: `stu-${pad(s, 7)}`,
      major: majorOf(klass),
      level: pick(LEVELS),
      age: int(16, 22),
      studyYear: int(2, 4),
      homeDistrict: district(),
      preferences: [],
    };
    const roll = random();
    const maxPlacements = roll < 0.01 ? 0 : roll < 0.03 ? 2 : 1;
    // Sample eligible postings from the student's class, and a few from the whole category.
    const candidates = byClass.get(klass) ?? [];
    const target = int(minEdges, maxEdges);
    chosen.clear();
    for (let attempt = 0; attempt < target * 6 && chosen.size < target && candidates.length > 0; attempt++) {
      const p = candidates[Math.floor(random() * candidates.length)];
      if (!chosen.has(p) && isEligible(student, postings[p])) chosen.add(p);
    }
    const list = [...chosen];
    const ranked = list.slice(0, Math.min(list.length, int(0, 10)));
    student.preferences = ranked.map((p) => postings[p].id);
    list.sort((a, b) => a - b);
    const edges = list.map((p) => ({ student: student.id, posting: postings[p].id, score: edgeScore(student, postings[p], ranked.indexOf(p) + 1, DEFAULT_WEIGHTS) }));
    onStudent(student, maxPlacements === 1 ? { id: student.id } : { id: student.id, maxPlacements }, edges);
  }
}

/** Generates one instance plus the profiles it was built from. */
export function generateSyntheticInstance(options: SyntheticOptions): { instance: Instance; students: EdgeStudent[]; postings: EdgePosting[] } {
  let lists: SyntheticLists | undefined;
  const students: EdgeStudent[] = [];
  const instanceStudents: Instance["students"] = [];
  const edges: InstanceEdge[] = [];
  synthesize(
    options,
    (l) => {
      lists = l;
    },
    (student, entry, own) => {
      students.push(student);
      instanceStudents.push(entry);
      for (const edge of own) edges.push(edge);
    },
  );
  const { floorPenalty, enterprises, postings, capacities } = lists as SyntheticLists;
  const instance: Instance = {
    version: 1,
    params: { floorPenalty },
    students: instanceStudents,
    enterprises,
    postings: postings.map((p, i) => ({ id: p.id, enterprise: p.enterprise, capacity: capacities[i] })),
    edges,
  };
  return { instance, students, postings };
}

/**
 * The same instance as generateSyntheticInstance, written as JSON (the bytes JSON.stringify gives)
 * through `write` in chunks, never as one string: a million students with 20M edges is ~1.2 GB,
 * past V8's string limit. The edges are kept as chunks of ~50,000 until the students (drawn
 * with them) are written: readers then meet the ids before the edges that use them.
 */
export function writeSyntheticInstance(options: SyntheticOptions, write: (chunk: string) => void): { students: number; postings: number; enterprises: number; edges: number } {
  const studentParts: string[] = [];
  const edgeChunks: string[] = [];
  let pending: string[] = [];
  let edgeCount = 0;
  let lists: SyntheticLists | undefined;
  synthesize(
    options,
    (l) => {
      lists = l;
    },
    (_student, entry, own) => {
      studentParts.push(JSON.stringify(entry));
      for (const edge of own) pending.push(JSON.stringify(edge));
      if (pending.length >= 50_000) {
        edgeChunks.push(pending.join(","));
        edgeCount += pending.length;
        pending = [];
      }
    },
  );
  if (pending.length > 0) edgeChunks.push(pending.join(","));
  edgeCount += pending.length;
  const { floorPenalty, enterprises, postings, capacities } = lists as SyntheticLists;
  write(`{"version":1,"params":{"floorPenalty":${JSON.stringify(floorPenalty)}},"students":[`);
  for (let i = 0; i < studentParts.length; i += 100_000) write((i > 0 ? "," : "") + studentParts.slice(i, i + 100_000).join(","));
  write(`],"enterprises":${JSON.stringify(enterprises)},`);
  write(`"postings":${JSON.stringify(postings.map((p, i) => ({ id: p.id, enterprise: p.enterprise, capacity: capacities[i] })))},"edges":[`);
  edgeChunks.forEach((chunk, i) => write((i > 0 ? "," : "") + chunk));
  write("]}");
  return { students: studentParts.length, postings: postings.length, enterprises: enterprises.length, edges: edgeCount };
}
