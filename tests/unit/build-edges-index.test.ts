import fc from "fast-check";
import { buildEdges, edgeScore, isEligible, DEFAULT_WEIGHTS, type EdgePosting, type EdgeStudent } from "../../matching";

const majors = ["510201", "510202", "510203", "530701", "460301", "080901", "080910T"];
const accepted = [...majors, "5102", "5307", "0809", "4603"];
const levels = ["SECONDARY_VOCATIONAL", "HIGHER_VOCATIONAL", "VOCATIONAL_UNDERGRADUATE", "UNDERGRADUATE"] as const;

const student = (i: number) =>
  fc.record({
    major: fc.constantFrom(...majors),
    level: fc.constantFrom(...levels),
    age: fc.integer({ min: 14, max: 24 }),
    studyYear: fc.integer({ min: 1, max: 4 }),
    homeDistrict: fc.constantFrom("350582", "350503", "350203"),
    preferences: fc.array(fc.integer({ min: 0, max: 11 }).map((p) => `p${p}`), { maxLength: 12 }),
  }).map((s): EdgeStudent => ({ id: `s${i}`, ...s }));

const posting = (i: number) =>
  fc.record({
    enterprise: fc.constantFrom("e1", "e2"),
    kind: fc.constantFrom("INTERNSHIP" as const, "JOB" as const),
    majors: fc.uniqueArray(fc.constantFrom(...accepted), { maxLength: 4 }),
    levels: fc.uniqueArray(fc.constantFrom(...levels), { maxLength: 2 }),
    district: fc.constantFrom("350582", "350503", "350203"),
    open: fc.boolean(),
  }).map((p): EdgePosting => ({ id: `p${i}`, ...p }));

test("buildEdges finds exactly the eligible pairs of a brute-force scan, with the same scores and order", () => {
  fc.assert(
    fc.property(
      fc.integer({ min: 0, max: 12 }).chain((n) => fc.tuple(...Array.from({ length: n }, (_, i) => student(i)))),
      fc.integer({ min: 0, max: 12 }).chain((n) => fc.tuple(...Array.from({ length: n }, (_, i) => posting(i)))),
      (students, postings) => {
        const expected = students.flatMap((s) =>
          postings
            .filter((p) => isEligible(s, p))
            .map((p) => {
              const rank = s.preferences.slice(0, 10).indexOf(p.id) + 1;
              return { student: s.id, posting: p.id, score: edgeScore(s, p, rank, DEFAULT_WEIGHTS) };
            }),
        );
        expect(buildEdges(students, postings, DEFAULT_WEIGHTS)).toEqual(expected);
      },
    ),
    { numRuns: 300 },
  );
});

test("with a candidate limit, each student keeps its best-scored eligible postings, earlier ones on ties", () => {
  fc.assert(
    fc.property(
      fc.integer({ min: 0, max: 8 }).chain((n) => fc.tuple(...Array.from({ length: n }, (_, i) => student(i)))),
      fc.integer({ min: 0, max: 12 }).chain((n) => fc.tuple(...Array.from({ length: n }, (_, i) => posting(i)))),
      fc.integer({ min: 1, max: 4 }),
      (students, postings, limit) => {
        const all = buildEdges(students, postings, DEFAULT_WEIGHTS);
        const limited = buildEdges(students, postings, DEFAULT_WEIGHTS, { maxCandidatesPerStudent: limit });
        for (const s of students) {
          const mine = all.filter((e) => e.student === s.id);
          const kept = limited.filter((e) => e.student === s.id);
          expect(kept.length).toBe(Math.min(limit, mine.length));
          const ranked = mine.map((e, i) => ({ e, i })).sort((a, b) => b.e.score - a.e.score || a.i - b.i).slice(0, limit);
          expect(kept).toEqual(ranked.sort((a, b) => a.i - b.i).map((r) => r.e));
        }
      },
    ),
    { numRuns: 300 },
  );
});
