/**
 * Instance JSON bytes (FORMAT.md) straight into the typed arrays of a ParsedInstance, without
 * materialising one JS object per edge: at 2,000,000 edges JSON.parse builds ~450 MB of edge
 * objects and strings, this path ~32 MB of typed arrays plus the ids.
 *
 * It is a fast path only: it accepts exactly the valid instances (any valid JSON layout:
 * whitespace, key order, escapes, unknown fields) and gives up (`undefined`) on everything else,
 * including every invalid instance. The caller then runs JSON.parse + parseInstance, which gives
 * the messages; so the fast path never has to reproduce them, only to agree on validity.
 *
 * Ids are compared as UTF-8 bytes: a string without escapes and with ASCII bytes only is its own
 * key; any other string is decoded (as JSON.parse would) and re-encoded, so equal strings give
 * equal keys. Strings holding a lone surrogate make it give up (UTF-8 cannot tell them apart).
 */
import { float64Column, grow, int32Column, trim } from "./columns";
import { groupCheckingPairs, isCount, MAX_MAGNITUDE, type ParsedInstance } from "./validate";

/** Thrown inside the parser to give up; caught at the top, never escapes. */
const GIVE_UP = { giveUp: true };

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const COLON = 0x3a;
const COMMA = 0x2c;
const OPEN_OBJECT = 0x7b;
const CLOSE_OBJECT = 0x7d;
const OPEN_ARRAY = 0x5b;
const CLOSE_ARRAY = 0x5d;
const MINUS = 0x2d;

const utf8 = new TextEncoder();
/** Decoding as the fallback does (a BOM stays, so JSON.parse rejects it there too). */
export const utf8Decoder = new TextDecoder("utf-8", { ignoreBOM: true });

const bytesOf = (text: string): Uint8Array => utf8.encode(text);
const K_VERSION = bytesOf("version");
const K_PARAMS = bytesOf("params");
const K_FLOOR_PENALTY = bytesOf("floorPenalty");
const K_STUDENTS = bytesOf("students");
const K_ENTERPRISES = bytesOf("enterprises");
const K_POSTINGS = bytesOf("postings");
const K_EDGES = bytesOf("edges");
const K_ID = bytesOf("id");
const K_MAX_PLACEMENTS = bytesOf("maxPlacements");
const K_MIN_INTERNS = bytesOf("minInterns");
const K_MAX_INTERNS = bytesOf("maxInterns");
const K_ENTERPRISE = bytesOf("enterprise");
const K_CAPACITY = bytesOf("capacity");
const K_STUDENT = bytesOf("student");
const K_POSTING = bytesOf("posting");
const K_SCORE = bytesOf("score");
/** The edge layout JSON.stringify writes, in pieces (see parseEdges). */
const T_STUDENT = bytesOf('{"student":"');
const T_POSTING = bytesOf('","posting":"');
const T_SCORE = bytesOf('","score":');
const FNV_OFFSET = 0x811c9dc5;
const FNV_PRIME = 0x01000193;
/** Bytes per edge assumed when sizing the edge columns (see parseEdges; more edges just grow them). */
const EDGE_BYTES_GUESS = 56;

function isDigit(c: number): boolean {
  return c >= 0x30 && c <= 0x39;
}

function isHex(c: number): boolean {
  return (c >= 0x30 && c <= 0x39) || (c >= 0x41 && c <= 0x46) || (c >= 0x61 && c <= 0x66);
}

/** Whether a string has no lone surrogate (String.prototype.isWellFormed, not in ES2023's lib). */
function wellFormed(text: string): boolean {
  for (let k = 0; k < text.length; k++) {
    const c = text.charCodeAt(k);
    if (c < 0xd800 || c > 0xdfff) continue;
    if (c >= 0xdc00) return false;
    const d = text.charCodeAt(k + 1);
    if (!(d >= 0xdc00 && d <= 0xdfff)) return false;
    k++;
  }
  return true;
}

/**
 * Ids of one list: their UTF-8 bytes in an arena, an open-addressing hash table (FNV-1a, linear
 * probing, at most half full) from bytes to index, so edges find their endpoints without
 * creating a string. Each slot holds [hash, index, arena start, length] side by side: a lookup
 * touches one cache line of the table and, on a full-hash match, the id's bytes (with separate
 * arrays it was four scattered reads per edge).
 */
class IdTable {
  private arena = new Uint8Array(1 << 12);
  private used = 0;
  /** 4 Int32 per slot: hash, index (-1 = empty), arena start, length. */
  private slots = new Int32Array(4 * 128).fill(-1);
  private mask = 127;
  count = 0;

  static hash(bytes: Uint8Array, from: number, to: number): number {
    let h = FNV_OFFSET;
    for (let k = from; k < to; k++) h = Math.imul(h ^ bytes[k], FNV_PRIME);
    return h;
  }

  /** Index of the id with these bytes, or -1. */
  find(bytes: Uint8Array, from: number, to: number): number {
    return this.findHashed(IdTable.hash(bytes, from, to), bytes, from, to);
  }

  /** find() with the bytes' hash already computed. */
  findHashed(hash: number, bytes: Uint8Array, from: number, to: number): number {
    const slots = this.slots;
    const n = to - from;
    for (let slot = hash & this.mask; ; slot = (slot + 1) & this.mask) {
      const at = 4 * slot;
      const index = slots[at + 1];
      if (index < 0) return -1;
      if (slots[at] !== hash || slots[at + 3] !== n) continue;
      const arena = this.arena;
      const start = slots[at + 2];
      let k = 0;
      while (k < n && arena[start + k] === bytes[from + k]) k++;
      if (k === n) return index;
    }
  }

  /** Adds the next id (index = count); false when it is already there. */
  add(bytes: Uint8Array, from: number, to: number): boolean {
    const hash = IdTable.hash(bytes, from, to);
    if (this.findHashed(hash, bytes, from, to) >= 0) return false;
    const n = to - from;
    if (this.used + n > this.arena.length) {
      const grown = new Uint8Array(Math.max(2 * this.arena.length, this.used + n));
      grown.set(this.arena.subarray(0, this.used));
      this.arena = grown;
    }
    this.arena.set(bytes.subarray(from, to), this.used);
    if (2 * (this.count + 1) > this.mask + 1) this.grow();
    this.insert(hash, this.count++, this.used, n);
    this.used += n;
    return true;
  }

  private insert(hash: number, index: number, start: number, length: number): void {
    let slot = hash & this.mask;
    while (this.slots[4 * slot + 1] >= 0) slot = (slot + 1) & this.mask;
    const at = 4 * slot;
    this.slots[at] = hash;
    this.slots[at + 1] = index;
    this.slots[at + 2] = start;
    this.slots[at + 3] = length;
  }

  private grow(): void {
    const old = this.slots;
    this.mask = 2 * (this.mask + 1) - 1;
    this.slots = new Int32Array(4 * (this.mask + 1)).fill(-1);
    for (let at = 0; at < old.length; at += 4) if (old[at + 1] >= 0) this.insert(old[at], old[at + 1], old[at + 2], old[at + 3]);
  }
}

class InstanceReader {
  private i = 0;
  /** The last string scanned: raw content b[strStart..strEnd), plain = no escape, ASCII only. */
  private strStart = 0;
  private strEnd = 0;
  private strPlain = true;
  /** Canonical bytes of the last non-plain string (see key()). */
  private scratch = new Uint8Array(64);

  // All fields are set in the constructor, so the object's shape never changes (a change would
  // deoptimise every method of the hot loop).
  private floorPenalty: number | undefined = undefined;
  private version: number | undefined = undefined;
  private students: { ids: string[]; max: Float64Array; table: IdTable } | undefined = undefined;
  private enterprises: { ids: string[]; min: Float64Array; max: Float64Array; table: IdTable } | undefined = undefined;
  private postings: { ids: string[]; capacity: Float64Array; enterprise: Int32Array; table: IdTable } | undefined = undefined;
  private edges: { student: Int32Array; posting: Int32Array; score: Float64Array } | undefined = undefined;
  /** The edge edgeMembers() read. */
  private edgeStudent = -1;
  private edgePosting = -1;
  private edgeScore = 0;

  constructor(private readonly b: Uint8Array) {}

  // ---- JSON scanning ----

  private ws(): void {
    const b = this.b;
    let i = this.i;
    while (i < b.length) {
      const c = b[i];
      if (c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09) i++;
      else break;
    }
    this.i = i;
  }

  /** The next non-blank byte (not consumed), -1 at the end. */
  private peek(): number {
    this.ws();
    return this.i < this.b.length ? this.b[this.i] : -1;
  }

  private expect(c: number): void {
    if (this.peek() !== c) throw GIVE_UP;
    this.i++;
  }

  /** Scans a string starting at the current byte (a quote), validating its escapes. */
  private string(): void {
    const b = this.b;
    let i = this.i;
    if (b[i] !== QUOTE) throw GIVE_UP;
    const start = ++i;
    let plain = true;
    for (;;) {
      if (i >= b.length) throw GIVE_UP;
      const c = b[i];
      if (c === QUOTE) break;
      if (c < 0x20) throw GIVE_UP;
      if (c === BACKSLASH) {
        plain = false;
        const e = b[i + 1];
        if (e === 0x75) {
          if (!(isHex(b[i + 2]) && isHex(b[i + 3]) && isHex(b[i + 4]) && isHex(b[i + 5]))) throw GIVE_UP;
          i += 6;
        } else if (e === QUOTE || e === BACKSLASH || e === 0x2f || e === 0x62 || e === 0x66 || e === 0x6e || e === 0x72 || e === 0x74) i += 2;
        else throw GIVE_UP;
        continue;
      }
      if (c >= 0x80) plain = false;
      i++;
    }
    this.strStart = start;
    this.strEnd = i;
    this.strPlain = plain;
    this.i = i + 1;
  }

  /** The last scanned string's value. */
  private stringValue(): string {
    const { b, strStart: from, strEnd: to } = this;
    if (this.strPlain && to - from <= 64) return String.fromCharCode.apply(null, b.subarray(from, to) as unknown as number[]);
    if (this.strPlain) return utf8Decoder.decode(b.subarray(from, to));
    const value = JSON.parse(utf8Decoder.decode(b.subarray(from - 1, to + 1))) as string;
    if (!wellFormed(value)) throw GIVE_UP;
    return value;
  }

  /** Writes the last scanned (non-plain) string's value as UTF-8 into scratch; returns the length. */
  private canonicalScratch(): number {
    const value = this.stringValue();
    if (this.scratch.length < 3 * value.length) this.scratch = new Uint8Array(3 * value.length);
    return utf8.encodeInto(value, this.scratch).written;
  }

  /** Whether the last scanned string (a key) is `key`. */
  private keyIs(key: Uint8Array): boolean {
    let bytes = this.b;
    let from = this.strStart;
    let n = this.strEnd - from;
    if (!this.strPlain) {
      bytes = this.scratch;
      n = this.canonicalScratch();
      bytes = this.scratch;
      from = 0;
    }
    if (n !== key.length) return false;
    for (let k = 0; k < n; k++) if (bytes[from + k] !== key[k]) return false;
    return true;
  }

  /** Index in `table` of the last scanned string (-1: unknown). */
  private lookUp(table: IdTable): number {
    if (this.strPlain) return table.find(this.b, this.strStart, this.strEnd);
    const n = this.canonicalScratch();
    return table.find(this.scratch, 0, n);
  }

  private number(): number {
    const b = this.b;
    let i = this.i;
    const start = i;
    const negative = b[i] === MINUS;
    if (negative) i++;
    let value = 0;
    let digits = 0;
    if (b[i] === 0x30) {
      i++;
      digits = 1;
    } else if (b[i] >= 0x31 && b[i] <= 0x39) {
      while (i < b.length && isDigit(b[i])) {
        value = value * 10 + (b[i] - 0x30);
        i++;
        digits++;
      }
    } else throw GIVE_UP;
    let simple = digits <= 15;
    if (b[i] === 0x2e) {
      i++;
      if (!isDigit(b[i])) throw GIVE_UP;
      while (i < b.length && isDigit(b[i])) i++;
      simple = false;
    }
    if (b[i] === 0x65 || b[i] === 0x45) {
      i++;
      if (b[i] === 0x2b || b[i] === MINUS) i++;
      if (!isDigit(b[i])) throw GIVE_UP;
      while (i < b.length && isDigit(b[i])) i++;
      simple = false;
    }
    this.i = i;
    // Up to 15 digits the running value is exact; otherwise the JavaScript number grammar, a
    // superset of JSON's, rounds the literal exactly as JSON.parse does.
    if (simple) return negative ? -value : value;
    return Number(String.fromCharCode.apply(null, b.subarray(start, i) as unknown as number[]));
  }

  /** A number value (anything else gives up). */
  private numberValue(): number {
    const c = this.peek();
    if (c !== MINUS && !isDigit(c)) throw GIVE_UP;
    return this.number();
  }

  private literal(text: string): void {
    for (let k = 0; k < text.length; k++) if (this.b[this.i + k] !== text.charCodeAt(k)) throw GIVE_UP;
    this.i += text.length;
  }

  private skipValue(depth: number): void {
    if (depth > 1000) throw GIVE_UP;
    const c = this.peek();
    if (c === QUOTE) this.string();
    else if (c === OPEN_OBJECT) this.members(() => this.skipValue(depth + 1));
    else if (c === OPEN_ARRAY) this.elements(() => this.skipValue(depth + 1));
    else if (c === 0x74) this.literal("true");
    else if (c === 0x66) this.literal("false");
    else if (c === 0x6e) this.literal("null");
    else if (c === MINUS || isDigit(c)) this.number();
    else throw GIVE_UP;
  }

  /** An object: for each member, scans the key then calls member(), which consumes the value. */
  private members(member: () => void): void {
    this.expect(OPEN_OBJECT);
    if (this.peek() === CLOSE_OBJECT) {
      this.i++;
      return;
    }
    for (;;) {
      this.ws();
      this.string();
      this.expect(COLON);
      this.ws();
      member();
      const c = this.peek();
      this.i++;
      if (c === COMMA) continue;
      if (c === CLOSE_OBJECT) return;
      throw GIVE_UP;
    }
  }

  /** An array: element(index) consumes each element. */
  private elements(element: (index: number) => void): void {
    this.expect(OPEN_ARRAY);
    if (this.peek() === CLOSE_ARRAY) {
      this.i++;
      return;
    }
    for (let index = 0; ; index++) {
      this.ws();
      element(index);
      const c = this.peek();
      this.i++;
      if (c === COMMA) continue;
      if (c === CLOSE_ARRAY) return;
      throw GIVE_UP;
    }
  }

  /** Marks field `bit` seen in `seen`; a repeated known key gives up (JSON.parse keeps the last one). */
  private static once(seen: number, bit: number): number {
    if (seen & bit) throw GIVE_UP;
    return seen | bit;
  }

  /** A non-empty string id: adds it to the table, returns its value. */
  private newId(table: IdTable): string {
    if (this.peek() !== QUOTE) throw GIVE_UP;
    this.string();
    if (this.strEnd === this.strStart) throw GIVE_UP;
    const value = this.stringValue();
    const added = this.strPlain ? table.add(this.b, this.strStart, this.strEnd) : table.add(this.scratch, 0, this.canonicalScratch());
    if (!added) throw GIVE_UP; // duplicate id
    return value;
  }

  /** Index of a string referring to an id of the table; gives up when it is unknown. */
  private reference(table: IdTable): number {
    if (this.peek() !== QUOTE) throw GIVE_UP;
    this.string();
    const index = this.lookUp(table);
    if (index < 0) throw GIVE_UP;
    return index;
  }

  // ---- the instance ----

  private parseStudents(): void {
    const table = new IdTable();
    const ids: string[] = [];
    const max = float64Column();
    this.elements(() => {
      let seen = 0;
      let maxPlacements = 1;
      this.members(() => {
        if (this.keyIs(K_ID)) {
          seen = InstanceReader.once(seen, 1);
          ids.push(this.newId(table));
        } else if (this.keyIs(K_MAX_PLACEMENTS)) {
          seen = InstanceReader.once(seen, 2);
          maxPlacements = this.numberValue();
          if (!isCount(maxPlacements)) throw GIVE_UP;
        } else this.skipValue(0);
      });
      if (!(seen & 1)) throw GIVE_UP;
      max.push(maxPlacements);
    });
    this.students = { ids, max: max.finish(), table };
  }

  private parseEnterprises(): void {
    const table = new IdTable();
    const ids: string[] = [];
    const minColumn = float64Column();
    const maxColumn = float64Column();
    this.elements(() => {
      let seen = 0;
      let min = 0;
      let max = 0;
      this.members(() => {
        if (this.keyIs(K_ID)) {
          seen = InstanceReader.once(seen, 1);
          ids.push(this.newId(table));
        } else if (this.keyIs(K_MIN_INTERNS)) {
          seen = InstanceReader.once(seen, 2);
          min = this.numberValue();
        } else if (this.keyIs(K_MAX_INTERNS)) {
          seen = InstanceReader.once(seen, 4);
          max = this.numberValue();
        } else this.skipValue(0);
      });
      if (seen !== 7 || !isCount(min) || !isCount(max) || min > max) throw GIVE_UP;
      minColumn.push(min);
      maxColumn.push(max);
    });
    this.enterprises = { ids, min: minColumn.finish(), max: maxColumn.finish(), table };
  }

  private parsePostings(): void {
    const enterprises = this.enterprises;
    if (!enterprises) throw GIVE_UP;
    const table = new IdTable();
    const ids: string[] = [];
    const capacityColumn = float64Column();
    const enterpriseColumn = int32Column();
    this.elements(() => {
      let seen = 0;
      let capacity = 0;
      let enterprise = -1;
      this.members(() => {
        if (this.keyIs(K_ID)) {
          seen = InstanceReader.once(seen, 1);
          ids.push(this.newId(table));
        } else if (this.keyIs(K_ENTERPRISE)) {
          seen = InstanceReader.once(seen, 2);
          enterprise = this.reference(enterprises.table);
        } else if (this.keyIs(K_CAPACITY)) {
          seen = InstanceReader.once(seen, 4);
          capacity = this.numberValue();
          if (!isCount(capacity)) throw GIVE_UP;
        } else this.skipValue(0);
      });
      if (seen !== 7) throw GIVE_UP;
      capacityColumn.push(capacity);
      enterpriseColumn.push(enterprise);
    });
    this.postings = {
      ids,
      capacity: capacityColumn.finish(),
      enterprise: enterpriseColumn.finish(),
      table,
    };
  }

  /**
   * The hot loop (millions of edges), written out without callbacks. Each edge first tries the
   * layout JSON.stringify writes (`{"student":"…","posting":"…","score":…}`, plain ids, an
   * integer score), matched byte by byte, the posting id hashed while it is scanned; anything
   * else (whitespace, other key orders, escapes, extra fields) takes the general member loop.
   * Consecutive edges of one student (the usual order) skip the student lookup.
   */
  private parseEdges(): void {
    const students = this.students;
    const postings = this.postings;
    if (!students || !postings) throw GIVE_UP;
    const b = this.b;
    const n = b.length;
    const studentTable = students.table;
    const postingTable = postings.table;
    // Sized for the bytes left at ~56 per edge (JSON.stringify's layout with ids like these), so
    // that 20M edges are not grown by doubling through 536 MB and copied again when trimmed.
    let capacity = Math.max(1 << 16, Math.ceil((n - this.i) / EDGE_BYTES_GUESS));
    let edgeStudent = new Int32Array(capacity);
    let edgePosting = new Int32Array(capacity);
    let edgeScore = new Float64Array(capacity);
    let m = 0;
    let lastFrom = 0;
    let lastLength = -1;
    let lastStudent = -1;
    this.expect(OPEN_ARRAY);
    if (this.peek() === CLOSE_ARRAY) this.i++;
    else {
      for (;;) {
        this.ws();
        let i = this.i;
        let student = -1;
        let posting = -1;
        let score = 0;
        template: {
          for (let k = 0; k < T_STUDENT.length; k++) if (b[i + k] !== T_STUDENT[k]) break template;
          i += T_STUDENT.length;
          const studentFrom = i;
          for (; ; i++) {
            if (i >= n) break template;
            const c = b[i];
            if (c === QUOTE) break;
            if (c === BACKSLASH || c < 0x20 || c >= 0x80) break template;
          }
          const studentLength = i - studentFrom;
          for (let k = 0; k < T_POSTING.length; k++) if (b[i + k] !== T_POSTING[k]) break template;
          i += T_POSTING.length;
          const postingFrom = i;
          let hash = FNV_OFFSET;
          for (; ; i++) {
            if (i >= n) break template;
            const c = b[i];
            if (c === QUOTE) break;
            if (c === BACKSLASH || c < 0x20 || c >= 0x80) break template;
            hash = Math.imul(hash ^ c, FNV_PRIME);
          }
          const postingTo = i;
          for (let k = 0; k < T_SCORE.length; k++) if (b[i + k] !== T_SCORE[k]) break template;
          i += T_SCORE.length;
          const negative = b[i] === MINUS;
          if (negative) i++;
          let value = 0;
          let digits = 0;
          if (b[i] === 0x30) {
            i++;
            digits = 1;
          } else {
            for (; i < n && isDigit(b[i]); i++, digits++) value = value * 10 + (b[i] - 0x30);
          }
          // A fraction, an exponent, blanks or more members: the general loop reads them.
          if (digits === 0 || digits > 15 || b[i] !== CLOSE_OBJECT || value > MAX_MAGNITUDE) break template;
          i++;
          let same = studentLength === lastLength;
          for (let k = 0; same && k < studentLength; k++) same = b[studentFrom + k] === b[lastFrom + k];
          if (same) student = lastStudent;
          else {
            student = studentTable.find(b, studentFrom, studentFrom + studentLength);
            if (student < 0) break template;
            lastFrom = studentFrom;
            lastLength = studentLength;
            lastStudent = student;
          }
          posting = postingTable.findHashed(hash, b, postingFrom, postingTo);
          if (posting < 0) break template;
          score = negative ? -value : value;
          this.i = i;
        }
        if (this.i !== i || posting < 0) {
          this.edgeMembers();
          student = this.edgeStudent;
          posting = this.edgePosting;
          score = this.edgeScore;
        }
        if (m === capacity) {
          capacity *= 2;
          edgeStudent = grow(edgeStudent, new Int32Array(capacity));
          edgePosting = grow(edgePosting, new Int32Array(capacity));
          edgeScore = grow(edgeScore, new Float64Array(capacity));
        }
        edgeStudent[m] = student;
        edgePosting[m] = posting;
        edgeScore[m] = score;
        m++;
        const c = this.peek();
        this.i++;
        if (c === COMMA) continue;
        if (c === CLOSE_ARRAY) break;
        throw GIVE_UP;
      }
    }
    this.edges = { student: trim(edgeStudent, m), posting: trim(edgePosting, m), score: trim(edgeScore, m) };
  }

  /** One edge object in any layout, into edgeStudent / edgePosting / edgeScore. */
  private edgeMembers(): void {
    const students = this.students as NonNullable<InstanceReader["students"]>;
    const postings = this.postings as NonNullable<InstanceReader["postings"]>;
    let seen = 0;
    let student = -1;
    let posting = -1;
    let score = 0;
    this.members(() => {
      if (this.keyIs(K_STUDENT)) {
        seen = InstanceReader.once(seen, 1);
        student = this.reference(students.table);
      } else if (this.keyIs(K_POSTING)) {
        seen = InstanceReader.once(seen, 2);
        posting = this.reference(postings.table);
      } else if (this.keyIs(K_SCORE)) {
        seen = InstanceReader.once(seen, 4);
        score = this.numberValue();
        if (!Number.isInteger(score) || Math.abs(score) > MAX_MAGNITUDE) throw GIVE_UP;
      } else this.skipValue(0);
    });
    if (seen !== 7) throw GIVE_UP;
    this.edgeStudent = student;
    this.edgePosting = posting;
    this.edgeScore = score;
  }

  private parseParams(): void {
    let seen = 0;
    let floorPenalty = 0;
    this.members(() => {
      if (this.keyIs(K_FLOOR_PENALTY)) {
        seen = InstanceReader.once(seen, 1);
        floorPenalty = this.numberValue();
        if (!Number.isFinite(floorPenalty) || floorPenalty < 0) throw GIVE_UP;
      } else this.skipValue(0);
    });
    if (!seen) throw GIVE_UP;
    this.floorPenalty = floorPenalty;
  }

  /** The whole document; lists whose ids are not known yet (edges before postings...) are read last. */
  read(): ParsedInstance {
    let seen = 0;
    let deferredPostings = -1;
    let deferredEdges = -1;
    if (this.peek() !== OPEN_OBJECT) throw GIVE_UP;
    this.members(() => {
      if (this.keyIs(K_VERSION)) {
        seen = InstanceReader.once(seen, 1);
        this.version = this.numberValue();
      } else if (this.keyIs(K_PARAMS)) {
        seen = InstanceReader.once(seen, 2);
        if (this.peek() !== OPEN_OBJECT) throw GIVE_UP;
        this.parseParams();
      } else if (this.keyIs(K_STUDENTS)) {
        seen = InstanceReader.once(seen, 4);
        if (this.peek() !== OPEN_ARRAY) throw GIVE_UP;
        this.parseStudents();
      } else if (this.keyIs(K_ENTERPRISES)) {
        seen = InstanceReader.once(seen, 8);
        if (this.peek() !== OPEN_ARRAY) throw GIVE_UP;
        this.parseEnterprises();
      } else if (this.keyIs(K_POSTINGS)) {
        seen = InstanceReader.once(seen, 16);
        if (this.peek() !== OPEN_ARRAY) throw GIVE_UP;
        if (this.enterprises) this.parsePostings();
        else {
          deferredPostings = this.i;
          this.skipValue(0);
        }
      } else if (this.keyIs(K_EDGES)) {
        seen = InstanceReader.once(seen, 32);
        if (this.peek() !== OPEN_ARRAY) throw GIVE_UP;
        if (this.students && this.postings) this.parseEdges();
        else {
          deferredEdges = this.i;
          this.skipValue(0);
        }
      } else this.skipValue(0);
    });
    this.ws();
    if (this.i !== this.b.length || seen !== 63 || this.version !== 1) throw GIVE_UP;
    if (deferredPostings >= 0) {
      this.i = deferredPostings;
      this.parsePostings();
    }
    if (deferredEdges >= 0) {
      this.i = deferredEdges;
      this.parseEdges();
    }
    const { students, enterprises, postings, edges, floorPenalty } = this;
    if (!students || !enterprises || !postings || !edges || floorPenalty === undefined) throw GIVE_UP;
    const grouping = groupCheckingPairs(edges.student, edges.posting, students.ids.length, postings.ids.length, () => false);
    if (!grouping) throw GIVE_UP; // a duplicate pair
    return {
      floorPenalty,
      studentIds: students.ids,
      postingIds: postings.ids,
      enterpriseIds: enterprises.ids,
      studentMax: students.max,
      postingCapacity: postings.capacity,
      postingEnterprise: postings.enterprise,
      enterpriseMin: enterprises.min,
      enterpriseMax: enterprises.max,
      edgeStudent: edges.student,
      edgePosting: edges.posting,
      edgeScore: edges.score,
      studentEdgeStart: grouping.start,
      studentEdgeOrder: grouping.order,
    };
  }
}

/**
 * The ParsedInstance of a valid instance given as UTF-8 JSON bytes, equal to what
 * parseInstance(JSON.parse(text)) gives; undefined for anything else (invalid JSON, an invalid
 * instance, or a case this fast path leaves to JSON.parse). Never throws.
 */
export function readInstanceBytes(bytes: Uint8Array): ParsedInstance | undefined {
  try {
    // A plain Uint8Array view: a Buffer (a subclass) would make every byte access polymorphic.
    const view = bytes.constructor === Uint8Array ? bytes : new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    return new InstanceReader(view).read();
  } catch {
    return undefined;
  }
}
