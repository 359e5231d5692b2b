import ExcelJS from "exceljs";
import type { Cell, Column, ReportTable } from "./tables";

const BOM = "\uFEFF";

function csvText(value: Cell, column: Column): string {
  if (value === null || value === undefined) return "";
  if (typeof value === "number" && column.format === "percent") return `${(value * 100).toFixed(1)}%`;
  return String(value);
}

function csvField(text: string): string {
  // Formula injection: a cell starting with = + - @ is read by Excel as a formula.
  const safe = /^[=+\-@\t\r]/.test(text) && !/^-?\d/.test(text) ? `'${text}` : text;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

/** CSV as Excel opens it: UTF-8 with BOM, CRLF, Chinese header row; percentages as "50.0%". */
export function toCsv(table: ReportTable): Buffer {
  const lines = [table.columns.map((c) => csvField(c.header)).join(",")];
  for (const row of table.rows) lines.push(row.map((value, i) => csvField(csvText(value, table.columns[i]!))).join(","));
  return Buffer.from(BOM + lines.join("\r\n") + "\r\n", "utf8");
}

/** One worksheet: bold header row, percentages formatted 0.0%, codes kept as text. */
export async function toXlsx(table: ReportTable): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = "泉州市人才供需对接平台";
  // Sheet names: at most 31 characters, none of []:*?/\
  const sheet = workbook.addWorksheet(table.title.replace(/[[\]:*?/\\]/g, "").slice(0, 31));
  sheet.columns = table.columns.map((c) => ({ header: c.header, width: c.width ?? Math.max(12, c.header.length * 2 + 2) }));
  sheet.getRow(1).font = { bold: true };
  for (const row of table.rows) sheet.addRow(row.map((v) => (v === null ? null : v)));
  table.columns.forEach((c, i) => {
    const column = sheet.getColumn(i + 1);
    if (c.format === "percent") column.numFmt = "0.0%";
    if (c.format === "text") column.numFmt = "@";
  });
  sheet.views = [{ state: "frozen", ySplit: 1 }];
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

/** Content-Disposition with an ASCII fallback and the Chinese name (RFC 6266 / RFC 5987 filename*). */
export function contentDisposition(title: string, extension: string, asciiFallback: string): string {
  return `attachment; filename="${asciiFallback}.${extension}"; filename*=UTF-8''${encodeRfc5987(`${title}.${extension}`)}`;
}

function encodeRfc5987(text: string): string {
  return encodeURIComponent(text).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}
