import * as fc from "fast-check";
import * as fs from "fs";
import * as path from "path";
import * as zlib from "zlib";
import { allocate, buildCompactEdges, buildEdges, compactInstance, instanceOfCompact, parseInstanceJson, type Instance } from "../../matching";
import { readInstanceBytes } from "../../matching/instance-json";
import { parseInstance, type ParsedInstance } from "../../matching/validate";
import { generateSyntheticInstance } from "../../seeds/synthetic-instance";
import { anEdgePosting, anEdgeStudent, anInstance, randomInstance } from "./factories";

const examples = path.resolve(__dirname, "../fixtures/allocation");
const utf8 = (text: string): Uint8Array => new TextEncoder().encode(text);

/** What the plain path makes of a JSON text: the ParsedInstance, or allocate()'s errors. */
function plain(text: string): { ok: true; instance: ParsedInstance } | { ok: false; errors: string[] } {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    return { ok: false, errors: [`instance: not valid JSON (${(error as Error).message})`] };
  }
  return parseInstance(value);
}

/**
 * The fields of a ParsedInstance, typed arrays replaced by their length and first difference
 * from `other` (typed arrays of different buffer sizes compare equal; millions of values are
 * compared by a loop, not by toEqual).
 */
function comparable(p: ParsedInstance, other: ParsedInstance): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(p)) {
    if (!ArrayBuffer.isView(value)) out[key] = value;
    else {
      const a = value as Float64Array;
      const b = (other as unknown as Record<string, Float64Array | undefined>)[key];
      let firstDifference = -1;
      for (let i = 0; i < a.length && b !== undefined; i++) {
        if (!Object.is(a[i], b[i])) {
          firstDifference = i;
          break;
        }
      }
      out[key] = { length: a.length, firstDifference };
    }
  }
  return out;
}

/** Asserts two ParsedInstances are equal, field by field. */
function expectSameParsed(actual: ParsedInstance, expected: ParsedInstance): void {
  expect(comparable(actual, expected)).toEqual(comparable(expected, expected));
}

/** Asserts the compact path reads `text` exactly as the plain path does. */
function expectSameAsPlain(text: string): void {
  const expected = plain(text);
  const outcome = parseInstanceJson(utf8(text));
  if (expected.ok) {
    expect(outcome.ok).toBe(true);
    if (outcome.ok) expectSameParsed(outcome.instance.data, expected.instance);
  } else expect(outcome).toEqual({ ok: false, errors: expected.errors });
}

// ---- JSON writers with the variations any valid JSON may have ----

type Random = () => number;

function lcg(seed: number): Random {
  let state = seed >>> 0;
  return () => {
    state = (Math.imul(state, 1103515245) + 12345) >>> 0;
    return state / 4294967296;
  };
}

const blanks = [" ", "\n", "\t", "\r\n", "  "];
function blank(random: Random): string {
  return random() < 0.5 ? "" : blanks[Math.floor(random() * blanks.length)];
}

/** A string literal with random \\u (either case), \\/ and short escapes. */
function stringLiteral(text: string, random: Random): string {
  const unit = (u: number): string => {
    const hex = u.toString(16).padStart(4, "0");
    return "\\u" + (random() < 0.5 ? hex : hex.toUpperCase());
  };
  let out = '"';
  for (const ch of text) {
    const r = random();
    if (ch === '"' || ch === "\\") out += r < 0.8 ? "\\" + ch : unit(ch.charCodeAt(0));
    else if (ch.charCodeAt(0) < 0x20) out += unit(ch.charCodeAt(0));
    else if (ch === "/" && r < 0.5) out += "\\/";
    else if (r < 0.2) out += Array.from({ length: ch.length }, (_, k) => unit(ch.charCodeAt(k))).join(""); // a pair for astral characters
    else out += ch;
  }
  return out + '"';
}

/** A number literal with the same value: 45 may be written 45, 45.0, 4.5e1, 450E-1. */
function numberLiteral(x: number, random: Random): string {
  if (!Number.isInteger(x) || Math.abs(x) > 1e12) return JSON.stringify(x);
  const r = random();
  if (r < 0.6) return Object.is(x, -0) ? "-0" : String(x);
  if (r < 0.7) return `${x}.0`;
  if (r < 0.8) return `${x}e0`;
  if (r < 0.9) return `${x * 10}E-1`;
  return `${x}e+0`;
}

/** Some JSON value for an unknown field: nested objects, arrays, literals, odd strings. */
function noise(random: Random, depth = 0): unknown {
  const r = random();
  if (depth < 2 && r < 0.2) return { a: noise(random, depth + 1), "id": "not-an-id", "k\"ey": [1, null] };
  if (depth < 2 && r < 0.35) return [noise(random, depth + 1), true, false, null, -1.5e-3];
  if (r < 0.5) return "text with \\ and \" and \u00e9 and \ud83d\ude00";
  if (r < 0.65) return null;
  if (r < 0.8) return 1.5e300;
  return false;
}

/** JSON text of `value` with random blanks, key orders, escapes, number spellings and unknown fields. */
function writeVaried(value: unknown, random: Random, extraFields: boolean): string {
  if (value === null || typeof value === "boolean") return JSON.stringify(value);
  if (typeof value === "number") return numberLiteral(value, random);
  if (typeof value === "string") return stringLiteral(value, random);
  if (Array.isArray(value)) {
    const items = value.map((v) => blank(random) + writeVaried(v, random, extraFields) + blank(random));
    return "[" + (items.length ? items.join(",") : blank(random)) + "]";
  }
  const entries: Array<[string, unknown]> = Object.entries(value as Record<string, unknown>).filter(([, v]) => v !== undefined);
  if (extraFields && random() < 0.3) entries.push([`extra${Math.floor(random() * 3)}`, noise(random)]);
  // Random key order (Fisher-Yates).
  for (let i = entries.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [entries[i], entries[j]] = [entries[j], entries[i]];
  }
  const members = entries.map(([k, v]) => blank(random) + stringLiteral(k, random) + blank(random) + ":" + blank(random) + writeVaried(v, random, extraFields) + blank(random));
  return "{" + (members.length ? members.join(",") : blank(random)) + "}";
}

/** Ids with characters that need escapes or are not ASCII. */
function oddIds(instance: Instance): Instance {
  const rename = (id: string): string => id.replace(/^s/, "s/é\"").replace(/^p/, "p\\😀").replace(/^e/, "e\u0001ü");
  return {
    ...instance,
    students: instance.students.map((s) => ({ ...s, id: rename(s.id) })),
    enterprises: instance.enterprises.map((e) => ({ ...e, id: rename(e.id) })),
    postings: instance.postings.map((p) => ({ ...p, id: rename(p.id), enterprise: rename(p.enterprise) })),
    edges: instance.edges.map((e) => ({ ...e, student: rename(e.student), posting: rename(e.posting) })),
  };
}

describe("parseInstanceJson: the compact path reads exactly what JSON.parse + the validator read", () => {
  const names = fs.existsSync(examples) ? fs.readdirSync(examples).filter((f) => /\.instance\.json(\.gz)?$/.test(f)) : [];

  test.each(names)("the example %s, through the fast parser, solves to the same Result", (file) => {
    const raw = fs.readFileSync(path.join(examples, file));
    const bytes = file.endsWith(".gz") ? zlib.gunzipSync(raw) : raw;
    const text = bytes.toString("utf8");
    const fast = readInstanceBytes(bytes);
    expect(fast).toBeDefined();
    const expected = plain(text);
    expect(expected.ok).toBe(true);
    if (!fast || !expected.ok) return;
    expectSameParsed(fast, expected.instance);
    if (file.startsWith("large")) return; // solved in examples.test.ts; equal data is equal input
    const outcome = parseInstanceJson(bytes);
    expect(outcome.ok).toBe(true);
    if (outcome.ok) expect(allocate(outcome.instance)).toEqual(allocate(JSON.parse(text)));
  });

  test("a seeded synthetic instance gives the same Result through both paths", () => {
    const { instance } = generateSyntheticInstance({ students: 400, seed: 7 });
    const text = JSON.stringify(instance);
    expect(readInstanceBytes(utf8(text))).toBeDefined();
    const outcome = parseInstanceJson(text);
    expect(outcome.ok).toBe(true);
    if (outcome.ok) expect(allocate(outcome.instance)).toEqual(allocate(instance));
  });

  test("random valid instances in any layout (blanks, key order, escapes, number spellings, unknown fields) take the fast path and read the same", () => {
    fc.assert(
      fc.property(randomInstance({ maxStudents: 12 }), fc.nat(), fc.boolean(), fc.boolean(), (instance, seed, odd, extra) => {
        const value = odd ? oddIds(instance) : instance;
        // JSON.stringify's layout one time in four (the parser's template path for edges).
        const text = seed % 4 === 0 ? JSON.stringify(value) : writeVaried(value, lcg(seed), extra);
        const fast = readInstanceBytes(utf8(text));
        const expected = plain(text);
        expect(expected.ok).toBe(true);
        expect(fast).toBeDefined();
        if (fast && expected.ok) expectSameParsed(fast, expected.instance);
      }),
      { numRuns: 300 },
    );
  });

  test("lists in any order: edges before postings, postings before enterprises", () => {
    const instance = anInstance({
      students: [{ id: "s1" }, { id: "s2", maxPlacements: 2 }],
      enterprises: [{ id: "e1", minInterns: 1, maxInterns: 2 }],
      postings: [{ id: "p1", enterprise: "e1", capacity: 2 }],
      edges: [{ student: "s2", posting: "p1", score: 3 }, { student: "s1", posting: "p1", score: 10 }],
    });
    const { edges, postings, enterprises, students, params, version } = instance;
    const text = JSON.stringify({ edges, postings, params, enterprises, students, version });
    expect(readInstanceBytes(utf8(text))).toBeDefined();
    expectSameAsPlain(text);
  });

  test("invalid instances give exactly allocate()'s INVALID_INPUT messages", () => {
    const corruptions: Array<(i: Instance) => unknown> = [
      (i) => ({ ...i, version: 2 }),
      (i) => ({ ...i, params: {} }),
      (i) => ({ ...i, params: { floorPenalty: -1 } }),
      (i) => ({ ...i, students: [...i.students, { id: "" }] }),
      (i) => ({ ...i, students: [...i.students, { id: 5 }] }),
      (i) => ({ ...i, students: [...i.students, ...i.students.slice(0, 1)] }),
      (i) => ({ ...i, students: [...i.students, { id: "sx", maxPlacements: 1.5 }] }),
      (i) => ({ ...i, students: [...i.students, { id: "sx", maxPlacements: null }] }),
      (i) => ({ ...i, enterprises: [...i.enterprises, { id: "ex", minInterns: 3, maxInterns: 1 }] }),
      (i) => ({ ...i, enterprises: [...i.enterprises, { id: "ex", minInterns: 0 }] }),
      (i) => ({ ...i, postings: [...i.postings, { id: "px", enterprise: "nowhere", capacity: 1 }] }),
      (i) => ({ ...i, postings: [...i.postings, { id: "py", enterprise: i.enterprises[0].id, capacity: -1 }] }),
      (i) => ({ ...i, edges: [...i.edges, { student: "ghost", posting: i.postings[0].id, score: 1 }] }),
      (i) => ({ ...i, edges: [...i.edges, { student: i.students[0]?.id ?? "s", posting: "nowhere", score: 1 }] }),
      (i) => ({ ...i, students: [...i.students, { id: "sx" }], edges: [...i.edges, { student: "sx", posting: i.postings[0].id, score: 1.5 }] }),
      (i) => ({ ...i, students: [...i.students, { id: "sx" }], edges: [...i.edges, { student: "sx", posting: i.postings[0].id, score: 2 ** 41 }] }),
      (i) => ({ ...i, students: [...i.students, { id: "sy" }], edges: [...i.edges, { student: "sy", posting: i.postings[0].id, score: 1 }, { student: "sy", posting: i.postings[0].id, score: 2 }] }),
      (i) => ({ ...i, edges: [...i.edges, { posting: i.postings[0].id, score: 1 }] }),
      (i) => ({ ...i, edges: [...i.edges, [1, 2]] }),
      (i) => ({ ...i, students: undefined }),
      (i) => ({ ...i, edges: {} }),
      () => null,
      () => "instance",
      () => [],
      () => 42,
    ];
    fc.assert(
      fc.property(randomInstance({ maxStudents: 10 }), fc.nat(corruptions.length - 1), fc.nat(), (instance, k, seed) => {
        // Both in JSON.stringify's layout (the parser's template path) and in a varied one.
        // (A few corruptions leave an empty instance valid: both paths must still agree.)
        const corrupted = corruptions[k](instance);
        expectSameAsPlain(JSON.stringify(corrupted));
        expectSameAsPlain(writeVaried(corrupted, lcg(seed), false));
      }),
      { numRuns: 300 },
    );
  });

  test("broken JSON (cut, a byte changed, trailing text, a BOM) is rejected as allocate() would see it", () => {
    fc.assert(
      fc.property(randomInstance({ maxStudents: 6 }), fc.nat(), fc.integer({ min: 0, max: 255 }), fc.nat(4), (instance, at, byte, kind) => {
        const text = JSON.stringify(instance);
        const k = at % text.length;
        const broken =
          kind === 0 ? text.slice(0, k) : kind === 1 ? text.slice(0, k) + String.fromCharCode(byte) + text.slice(k + 1) : kind === 2 ? text + " x" : kind === 3 ? "\ufeff" + text : text.slice(0, k) + text.slice(k + 1);
        expectSameAsPlain(broken);
      }),
      { numRuns: 400 },
    );
  });

  test("a repeated key is read as JSON.parse reads it (the last one counts)", () => {
    expectSameAsPlain('{"version":1,"params":{"floorPenalty":5,"floorPenalty":7},"students":[{"id":"a","id":"b"}],"enterprises":[],"postings":[],"edges":[]}');
    expectSameAsPlain('{"version":2,"version":1,"params":{"floorPenalty":5},"students":[],"enterprises":[],"postings":[],"edges":[],"edges":[]}');
  });

  test("ids that differ only after decoding, or hold lone surrogates, are told apart as JSON.parse does", () => {
    const lists = (students: string, edges: string) =>
      `{"version":1,"params":{"floorPenalty":1},"students":[${students}],"enterprises":[{"id":"e","minInterns":0,"maxInterns":1}],"postings":[{"id":"p","enterprise":"e","capacity":1}],"edges":[${edges}]}`;
    expectSameAsPlain(lists('{"id":"s1"}', '{"student":"s\\u0031","posting":"p","score":1}'));
    expectSameAsPlain(lists('{"id":"s1"},{"id":"s\\u0031"}', ""));
    expectSameAsPlain(lists('{"id":"\\ud800"},{"id":"\\udc00"}', '{"student":"\\ud800","posting":"p","score":1}'));
    expectSameAsPlain(lists('{"id":"\\ud800"}', '{"student":"\\udc00","posting":"p","score":1}'));
    expectSameAsPlain(lists('{"id":"-0"}', '{"student":"-0","posting":"p","score":-0}'));
  });

  test("a text given as a string reads as JSON.parse reads it, raw lone surrogates included", () => {
    const lists = (students: string, edges: string) =>
      `{"version":1,"params":{"floorPenalty":1},"students":[${students}],"enterprises":[{"id":"e","minInterns":0,"maxInterns":1}],"postings":[{"id":"p","enterprise":"e","capacity":1}],"edges":[${edges}]}`;
    const same = (text: string) => {
      const expected = plain(text);
      const outcome = parseInstanceJson(text);
      expect(outcome.ok).toBe(expected.ok);
      if (outcome.ok && expected.ok) expectSameParsed(outcome.instance.data, expected.instance);
      else expect(outcome).toEqual(expected);
    };
    same(lists('{"id":"\ud800"},{"id":"\udc00"}', '{"student":"\ud800","posting":"p","score":1}'));
    same(lists('{"id":"\ud800"}', '{"student":"\udc00","posting":"p","score":1}'));
    same(lists('{"id":"😀"},{"id":"s"}', '{"student":"😀","posting":"p","score":1}'));
    same(lists('{"id":"s"}', '{"student":"s","posting":"p","score":1}') + " ");
  });

  test("allocate() solves a compact instance like the object it was parsed from, and instanceOfCompact gives that object back", () => {
    fc.assert(
      fc.property(randomInstance({ maxStudents: 15 }), (instance) => {
        const outcome = parseInstanceJson(JSON.stringify(instance));
        expect(outcome.ok).toBe(true);
        if (!outcome.ok) return;
        expect(allocate(outcome.instance)).toEqual(allocate(instance));
        expect(allocate(instanceOfCompact(outcome.instance))).toEqual(allocate(instance));
      }),
      { numRuns: 60 },
    );
  });

  test("a forged compact-looking object is just an invalid instance", () => {
    const outcome = parseInstanceJson(JSON.stringify(anInstance()));
    expect(outcome.ok).toBe(true);
    if (outcome.ok) expect(allocate({ ...outcome.instance, data: outcome.instance.data }).status).toBe("INVALID_INPUT");
  });
});

describe("compactInstance: edges as index columns", () => {
  const lists = {
    floorPenalty: 100,
    students: [{ id: "s1" }, { id: "s2", maxPlacements: 2 }],
    enterprises: [{ id: "e1", minInterns: 1, maxInterns: 2 }],
    postings: [
      { id: "p1", enterprise: "e1", capacity: 1 },
      { id: "p2", enterprise: "e1", capacity: 1 },
    ],
  };
  const asObject = (edges: Array<[number, number, number]>): Instance =>
    anInstance({ ...lists, edges: edges.map(([s, p, score]) => ({ student: lists.students[s].id, posting: lists.postings[p].id, score })) });
  const columns = (edges: Array<[number, number, number]>) => ({
    student: Int32Array.from(edges, (e) => e[0]),
    posting: Int32Array.from(edges, (e) => e[1]),
    score: Float64Array.from(edges, (e) => e[2]),
  });

  test("a valid instance solves like its object form", () => {
    const edges: Array<[number, number, number]> = [[1, 0, 5], [0, 1, 7], [0, 0, 3], [1, 1, -2]];
    const outcome = compactInstance({ ...lists, edges: columns(edges) });
    expect(outcome.ok).toBe(true);
    if (outcome.ok) expect(allocate(outcome.instance)).toEqual(allocate(asObject(edges)));
  });

  test.each([
    ["a duplicate pair", [[0, 0, 1], [0, 0, 2]]],
    ["a fractional score", [[0, 0, 1.5]]],
    ["a huge score", [[0, 1, 2 ** 45]]],
  ] as Array<[string, Array<[number, number, number]>]>)("%s gives the plain validator's message", (_label, edges) => {
    const outcome = compactInstance({ ...lists, edges: columns(edges) });
    const expected = parseInstance(asObject(edges));
    expect(expected.ok).toBe(false);
    if (!expected.ok) expect(outcome).toEqual({ ok: false, errors: expected.errors });
  });

  test("bad lists and out-of-range indices are reported, naming the item", () => {
    const badLists = compactInstance({ ...lists, students: [{ id: "s1" }, { id: "s1" }], edges: columns([]) });
    expect(badLists).toEqual({ ok: false, errors: ['students[1]: duplicate student id "s1"'] });
    const outside = compactInstance({ ...lists, edges: columns([[0, 0, 1], [2, 0, 1], [0, -1, 1]]) });
    expect(outside).toEqual({ ok: false, errors: ["edges[1]: student index 2 is outside its list", "edges[2]: posting index -1 is outside its list"] });
  });

  test("buildCompactEdges gives buildEdges' edges, in the same order", () => {
    const students = [
      anEdgeStudent({ id: "a", preferences: ["p2"] }),
      anEdgeStudent({ id: "b", studyYear: 1 }),
      anEdgeStudent({ id: "c", major: "460199", homeDistrict: "350582" }),
    ];
    const postings = [
      anEdgePosting({ id: "p1" }),
      anEdgePosting({ id: "job", kind: "JOB" }),
      anEdgePosting({ id: "p2", majors: ["4601"] }),
      anEdgePosting({ id: "closed", open: false }),
      anEdgePosting({ id: "p3", majors: ["460199"], district: "350502" }),
    ];
    for (const options of [{}, { maxCandidatesPerStudent: 1 }]) {
      const compact = buildCompactEdges(students, postings, undefined, options);
      const expected = buildEdges(students, postings, undefined, options);
      expect(expected.length).toBeGreaterThan(1);
      expect(Array.from(compact.student, (s, i) => ({ student: students[s].id, posting: postings[compact.posting[i]].id, score: compact.score[i] }))).toEqual(expected);
    }
  });

  test("a synthetic city's edges built as columns solve like the objects", () => {
    const { instance, students, postings } = generateSyntheticInstance({ students: 300, seed: 11 });
    const edges = buildCompactEdges(students, postings);
    const outcome = compactInstance({ floorPenalty: 1000, students: students.map((s) => ({ id: s.id })), enterprises: instance.enterprises, postings: instance.postings, edges });
    expect(outcome.ok).toBe(true);
    const objects = anInstance({ floorPenalty: 1000, students: students.map((s) => ({ id: s.id })), enterprises: instance.enterprises, postings: instance.postings, edges: buildEdges(students, postings) });
    if (outcome.ok) expect(allocate(outcome.instance)).toEqual(allocate(objects));
  });
});
