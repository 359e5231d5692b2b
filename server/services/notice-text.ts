/**
 * Search terms, ranking and highlights of notices, and the masking of personal data in their text.
 * Pure: no database, no clock. Words come from ICU's dictionary segmentation (Node's
 * `Intl.Segmenter("zh", { granularity: "word" })`, full ICU), not from a segmenter of our own.
 */

const segmenter = new Intl.Segmenter("zh", { granularity: "word" });
const HAN = /\p{Script=Han}/u;
/** At most this many terms are stored per notice (a 20,000-character body has a few thousand). */
export const MAX_TERMS = 3000;

/** Text as it is compared: NFKC (full-width letters and digits become ASCII), lower case. */
export function normalise(text: string): string {
  return text.normalize("NFKC").toLowerCase();
}

/** Digit runs that look like a phone number or a national ID are never search terms. */
function isPersonalNumber(word: string): boolean {
  return /^\d{11,}x?$/.test(word);
}

interface Segmented {
  /** What a query requires: ICU words of two or more characters, runs of single Han characters as bigrams. */
  primary: string[];
  /** A single character joined to the word beside it (碳|纤维 -> 碳纤维): likely one word, but not certain. */
  joined: string[];
  /** What a notice also stores so that part of a word finds it: the bigrams of longer Han words. */
  derived: string[];
}

function segment(text: string): Segmented {
  const primary: string[] = [];
  const joined: string[] = [];
  const derived: string[] = [];
  let singles: string[] = [];
  /** The Han word just before (for a single character that follows it: 工程|师 -> 工程师). */
  let previousWord: string | null = null;
  const flush = () => {
    // Single Han characters ICU could not join (鞋|服, 互|联|网): their adjacent pairs.
    for (let i = 0; i + 1 < singles.length; i++) primary.push(singles[i]! + singles[i + 1]!);
    singles = [];
  };
  for (const part of segmenter.segment(normalise(text))) {
    if (!part.isWordLike) {
      flush();
      previousWord = null;
      continue;
    }
    const word = part.segment;
    const chars = [...word];
    if (HAN.test(word)) {
      if (chars.length === 1) {
        // A single character beside a word is most likely part of it (碳|纤维, 工程|师).
        if (singles.length === 0 && previousWord) joined.push(previousWord + word);
        singles.push(word);
        previousWord = null;
        continue;
      }
      const before = singles[singles.length - 1];
      flush();
      if (before) joined.push(before + word);
      primary.push(word);
      if (chars.length >= 3) for (let i = 0; i + 1 < chars.length; i++) derived.push(chars[i]! + chars[i + 1]!);
      previousWord = word;
    } else {
      flush();
      previousWord = null;
      if (chars.length >= 2 && !isPersonalNumber(word)) primary.push(word);
    }
  }
  flush();
  return { primary, joined, derived };
}

/** The distinct terms a notice stores for its text (primary words first, then word parts), at most MAX_TERMS. */
export function documentTerms(...texts: string[]): string[] {
  const terms = new Set<string>();
  const derived: string[] = [];
  for (const text of texts) {
    const s = segment(text);
    for (const t of s.primary) terms.add(t);
    derived.push(...s.joined, ...s.derived);
  }
  for (const t of derived) terms.add(t);
  return [...terms].slice(0, MAX_TERMS);
}

/**
 * The terms of a search query: `required` (at most 10) are its words of two or more characters,
 * Chinese, English or numbers, which a hit must all contain; `all` adds the single characters
 * joined to a word beside them (碳纤维 from 碳|纤维), which rank and highlight but are not required.
 */
export function queryTerms(query: string): { required: string[]; all: string[] } {
  const s = segment(query);
  const required = [...new Set(s.primary.length ? s.primary : s.joined)].slice(0, 10);
  return { required, all: [...new Set([...required, ...s.joined])].slice(0, 16) };
}

/** What ranking reads of a candidate notice. */
export interface RankCandidate {
  id: string;
  title: string;
  titleTerms: readonly string[];
  terms: readonly string[];
}

/** A term's weight: longer words say more (2 characters 1, each more +0.5). */
function weight(term: string): number {
  return 1 + 0.5 * Math.max(0, [...term].length - 2);
}

/**
 * Relevance of a notice to query terms: each term found in the title counts three times its
 * weight, in the text once; the whole query found in the title adds 5. Ties are left to the caller.
 */
export function relevance(candidate: RankCandidate, terms: readonly string[], query: string): number {
  const title = new Set(candidate.titleTerms);
  const all = new Set(candidate.terms);
  let score = 0;
  for (const term of terms) {
    if (title.has(term)) score += 3 * weight(term);
    if (all.has(term)) score += weight(term);
  }
  const phrase = normalise(query).trim();
  if (phrase.length >= 2 && normalise(candidate.title).includes(phrase)) score += 5;
  return Math.round(score * 100) / 100;
}

/** Candidates by relevance, best first; equal scores newest (largest id) first. */
export function rank<T extends RankCandidate>(candidates: readonly T[], terms: readonly string[], query: string): { candidate: T; score: number }[] {
  return candidates
    .map((candidate) => ({ candidate, score: relevance(candidate, terms, query) }))
    .sort((a, b) => b.score - a.score || (a.candidate.id < b.candidate.id ? 1 : a.candidate.id > b.candidate.id ? -1 : 0));
}

/** A piece of highlighted text: `match` pieces are where a query term occurs. */
export interface TextFragment {
  text: string;
  match: boolean;
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

/** The text cut into fragments at the occurrences of the terms (case-insensitive); none when no term occurs. */
export function highlight(text: string, terms: readonly string[]): TextFragment[] {
  const wanted = [...new Set(terms)].filter((t) => t.length > 0).sort((a, b) => b.length - a.length);
  if (wanted.length === 0) return [];
  const pattern = new RegExp(wanted.map(escapeRegExp).join("|"), "giu");
  // Matched on the text as written (not its NFKC form), so that the fragments put together are the text.
  const source = text;
  const fragments: TextFragment[] = [];
  let last = 0;
  for (const m of source.matchAll(pattern)) {
    const at = m.index ?? 0;
    if (at > last) fragments.push({ text: source.slice(last, at), match: false });
    fragments.push({ text: m[0], match: true });
    last = at + m[0].length;
  }
  if (!fragments.some((f) => f.match)) return [];
  if (last < source.length) fragments.push({ text: source.slice(last), match: false });
  return fragments;
}

/**
 * A short excerpt of a long text around the first occurrence of a term (`before` characters
 * before it, the excerpt at most `length` long), marked with "…" where cut; its fragments.
 */
export function snippet(text: string, terms: readonly string[], length = 120, before = 30): TextFragment[] {
  const fragments = highlight(text, terms);
  if (fragments.length === 0) return [];
  const source = fragments.map((f) => f.text).join("");
  let offset = 0;
  for (const f of fragments) {
    if (f.match) break;
    offset += f.text.length;
  }
  const start = Math.max(0, offset - before);
  const end = Math.min(source.length, start + length);
  const out: TextFragment[] = [];
  let position = 0;
  for (const f of fragments) {
    const from = Math.max(start, position);
    const to = Math.min(end, position + f.text.length);
    if (from < to) out.push({ text: source.slice(from, to), match: f.match && from === position && to === position + f.text.length });
    position += f.text.length;
  }
  if (start > 0) out.unshift({ text: "…", match: false });
  if (end < source.length) out.push({ text: "…", match: false });
  return out;
}

/** A person's name as others see it: the family name, the rest starred ("陈晓明" -> "陈**"). */
export function maskName(name: string): string {
  const chars = [...name.trim()];
  if (chars.length === 0) return "";
  return chars[0] + "*".repeat(Math.max(1, chars.length - 1));
}

/**
 * Text with what looks like a mainland mobile number or a national ID masked (138****5678,
 * 3505**********123X): a job-seeking notice is read by enterprises, which see no personal data.
 */
export function maskPersonalText(text: string): string {
  return text
    .replace(/(?<![0-9])(\d{17}[0-9Xx])(?![0-9A-Za-z])/g, (id: string) => `${id.slice(0, 4)}**********${id.slice(-4)}`)
    .replace(/(?<![0-9])(1[3-9]\d)(\d{4})(\d{4})(?![0-9])/g, (_m, a: string, _b: string, c: string) => `${a}****${c}`);
}
