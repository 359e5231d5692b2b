/**
 * The supply–demand chart: the API groups by 2-digit major category, and one category name (电子与信息大类)
 * exists at several education levels under different codes (31 职业本科, 51 高职专科). Drawn one bar per
 * code, the x-axis repeated names; here the x-axis is the category name and each level is a series,
 * stacked within supply and within demand.
 */
import { MAJORS } from "./reference";
import { LEVEL_LABELS } from "./zh";

export interface SupplyRow { key: string; label: string; supply: number; demand: number }

const LEVEL_OF_CATEGORY = new Map<string, string>();
for (const m of MAJORS) if (!LEVEL_OF_CATEGORY.has(m.code.slice(0, 2))) LEVEL_OF_CATEGORY.set(m.code.slice(0, 2), m.level);
const LEVEL_ORDER = ["SECONDARY_VOCATIONAL", "HIGHER_VOCATIONAL", "VOCATIONAL_UNDERGRADUATE", "UNDERGRADUATE", "ANY"];
const COLORS: Record<string, [string, string]> = {
  SECONDARY_VOCATIONAL: ["#5b8ff9", "#bcd1fc"],
  HIGHER_VOCATIONAL: ["#5ad8a6", "#b9eed9"],
  VOCATIONAL_UNDERGRADUATE: ["#f6bd16", "#fbe3a0"],
  UNDERGRADUATE: ["#e8684a", "#f6c3b7"],
  ANY: ["#9270ca", "#d3c6ea"],
};
const levelLabel = (level: string) => (level === "ANY" ? "不限层次" : LEVEL_LABELS[level] ?? level);

/** Category names on the x-axis (each once), and per level a supply and a demand series. */
export function supplyDemandSeries(rows: SupplyRow[]) {
  const categories = [...new Set(rows.map((r) => r.label))];
  const levels = LEVEL_ORDER.filter((level) => rows.some((r) => (LEVEL_OF_CATEGORY.get(r.key) ?? "ANY") === level));
  const cell = (level: string, category: string, field: "supply" | "demand") =>
    rows.filter((r) => r.label === category && (LEVEL_OF_CATEGORY.get(r.key) ?? "ANY") === level).reduce((n, r) => n + r[field], 0);
  const series = levels.flatMap((level) => [
    { name: `供给·${levelLabel(level)}`, type: "bar", stack: "supply", itemStyle: { color: COLORS[level]![0] }, data: categories.map((c) => cell(level, c, "supply")) },
    { name: `需求·${levelLabel(level)}`, type: "bar", stack: "demand", itemStyle: { color: COLORS[level]![1], borderColor: COLORS[level]![0], borderWidth: 1 }, data: categories.map((c) => cell(level, c, "demand")) },
  ]);
  return { categories, series };
}
