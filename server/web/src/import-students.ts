/**
 * Student registers from a spreadsheet: XLSX or CSV with Chinese (or the API's English) column
 * headers, read into StudentInput rows and checked with the API's own rules, each problem in
 * Chinese against its row and field.
 */
import Papa from "papaparse";
import { readSheet } from "read-excel-file/browser";
import type { SchoolLevel } from "@schema/rules/school-level";
import { checks } from "./reference";

export interface StudentRow {
  name: string;
  nationalId: string;
  phone: string | null;
  major: string;
  enrolmentYear: number;
  graduationYear: number;
  homeDistrict: string;
  skills: string[];
  certificates: string[];
}

/** Columns of the template, in order: field, Chinese header, whether required. */
export const COLUMNS: [keyof StudentRow, string, boolean][] = [
  ["name", "姓名", true],
  ["nationalId", "身份证号", true],
  ["phone", "手机号", false],
  ["major", "专业代码", true],
  ["enrolmentYear", "入学年份", true],
  ["graduationYear", "毕业年份", true],
  ["homeDistrict", "生源地区县代码", true],
  ["skills", "技能", false],
  ["certificates", "证书", false],
];
const ALIASES: Record<string, keyof StudentRow> = { 生源地区县: "homeDistrict", 生源地: "homeDistrict", 专业: "major", 手机: "phone", 身份证: "nationalId", 身份证号码: "nationalId" };
export const MAX_ROWS = 5000;

export type Problems = Partial<Record<keyof StudentRow | "row", string>>;

const list = (v: unknown): string[] => String(v ?? "").split(/[、,，;；|]/).map((s) => s.trim()).filter(Boolean);
const int = (v: unknown): number => (v === "" || v === null || v === undefined ? NaN : Number(String(v).trim()));

/** Rows of a header line and data lines (any cell type); unknown headers are ignored. */
export function rowsOf(table: unknown[][]): { rows: StudentRow[]; raw: Problems[]; missing: string[] } {
  const [header = [], ...lines] = table;
  const index = new Map<keyof StudentRow, number>();
  header.forEach((h, i) => {
    const text = String(h ?? "").trim().replace(/[（(].*$/, "");
    const byHeader = COLUMNS.find(([field, zh]) => zh === text || field === text || zh.startsWith(text) && text.length >= 2)?.[0] ?? ALIASES[text];
    if (byHeader && !index.has(byHeader)) index.set(byHeader, i);
  });
  const missing = COLUMNS.filter(([field, , required]) => required && !index.has(field)).map(([, zh]) => zh);
  const rows: StudentRow[] = [];
  const raw: Problems[] = [];
  for (const line of lines) {
    if (!line || line.every((c) => c === null || c === undefined || String(c).trim() === "")) continue;
    const cell = (f: keyof StudentRow) => (index.has(f) ? line[index.get(f)!] : undefined);
    const problems: Problems = {};
    // An 18-digit ID typed as a number in Excel has lost its last digits already.
    const id = cell("nationalId");
    if (typeof id === "number") problems.nationalId = "身份证号须以文本格式保存（Excel 中数字格式会丢失末几位）";
    rows.push({
      name: String(cell("name") ?? "").trim(),
      nationalId: String(id ?? "").trim().toUpperCase(),
      phone: String(cell("phone") ?? "").trim() || null,
      major: String(cell("major") ?? "").trim().toUpperCase(),
      enrolmentYear: int(cell("enrolmentYear")),
      graduationYear: int(cell("graduationYear")),
      homeDistrict: String(cell("homeDistrict") ?? "").trim(),
      skills: list(cell("skills")),
      certificates: list(cell("certificates")),
    });
    raw.push(problems);
  }
  return { rows, raw, missing };
}

/** Reads an .xlsx or .csv file into rows of cells. */
export async function readTable(file: File): Promise<unknown[][]> {
  if (/\.xlsx$/i.test(file.name)) return (await readSheet(file)) as unknown[][];
  if (/\.csv$/i.test(file.name)) {
    const text = (await file.text()).replace(/^\uFEFF/, "");
    return Papa.parse<string[]>(text, { skipEmptyLines: true }).data;
  }
  throw new Error("只支持 .xlsx 或 .csv 文件");
}

/** The API's checks of one row (for a school of this level), in Chinese; {} when it passes. */
export function checkRow(row: StudentRow, level: SchoolLevel | undefined, thisYear = new Date().getFullYear()): Problems {
  const p: Problems = {};
  if (!row.name) p.name = "请填写姓名";
  else if (row.name.length > 50) p.name = "姓名至多 50 个字";
  const id = checks.nationalId(row.nationalId);
  if (id) p.nationalId = id;
  if (row.phone) {
    const phone = checks.phone(row.phone);
    if (phone) p.phone = phone;
  }
  const major = checks.major(row.major, level);
  if (major) p.major = major;
  if (!Number.isInteger(row.enrolmentYear) || row.enrolmentYear < 1980 || row.enrolmentYear > thisYear + 1) p.enrolmentYear = `须为 1980–${thisYear + 1} 之间的年份`;
  if (!Number.isInteger(row.graduationYear) || row.graduationYear < 1981 || row.graduationYear > thisYear + 10) p.graduationYear = `须为 1981–${thisYear + 10} 之间的年份`;
  else if (!p.enrolmentYear && (row.graduationYear <= row.enrolmentYear || row.graduationYear > row.enrolmentYear + 8)) p.graduationYear = "须在入学年份后 1–8 年";
  if (!p.nationalId && !p.enrolmentYear && Number(row.nationalId.slice(6, 10)) > row.enrolmentYear - 10) p.nationalId = "出生日期距入学不足 10 年";
  const district = checks.district(row.homeDistrict);
  if (district) p.homeDistrict = district;
  if (row.skills.length > 30 || row.skills.some((s) => s.length > 50)) p.skills = "至多 30 项，每项至多 50 个字";
  if (row.certificates.length > 30 || row.certificates.some((s) => s.length > 80)) p.certificates = "至多 30 项，每项至多 80 个字";
  return p;
}

/** The template as CSV (UTF-8 with BOM, so Excel reads the Chinese headers). */
export function templateCsv(): string {
  const header = COLUMNS.map(([, zh]) => zh).join(",");
  return `\uFEFF${header}\n`;
}
