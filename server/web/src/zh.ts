/**
 * Chinese labels of the API's enums and fields, and Chinese messages for the API's errors: the API
 * answers in short English sentences with a stable code and a field path; users read Chinese.
 */
import { codeMessage, fieldLabel, knownMessage } from "@schema/rules/messages-zh";

export const ROLE_LABELS: Record<string, string> = { BUREAU: "市人社局", SCHOOL: "学校", ENTERPRISE: "企业", STUDENT: "学生" };
export const LEVEL_LABELS: Record<string, string> = {
  SECONDARY_VOCATIONAL: "中职",
  HIGHER_VOCATIONAL: "高职专科",
  VOCATIONAL_UNDERGRADUATE: "职业本科",
  UNDERGRADUATE: "普通本科",
};
export const SIZE_LABELS: Record<string, string> = { LARGE: "大型", MEDIUM: "中型", SMALL: "小型", MICRO: "微型" };
export const KIND_LABELS: Record<string, string> = { INTERNSHIP: "实习岗位", JOB: "就业岗位" };
export const POSTING_STATUS_LABELS: Record<string, string> = { OPEN: "招收中", CLOSED: "已关闭" };
export const APPLICATION_STATUS_LABELS: Record<string, string> = { ACTIVE: "有效", WITHDRAWN: "已撤回" };
export const PLACEMENT_STATUS_LABELS: Record<string, string> = { OFFERED: "待确认", ACCEPTED: "已接受", DECLINED: "已拒绝" };
export const RUN_STATUS_LABELS: Record<string, string> = {
  QUEUED: "排队中",
  SOLVING: "求解中",
  SOLVED: "已求解（待提交）",
  FAILED: "失败",
  COMMITTING: "提交中",
  COMMITTED: "已提交",
  SUPERSEDED: "已被取代",
};
export const UNPLACED_REASON_LABELS: Record<string, string> = {
  MAX_PLACEMENTS_ZERO: "该生不参与本次分配（可安排名额为 0）",
  NO_ELIGIBLE_POSTING: "没有符合其专业、层次的岗位",
  NO_FURTHER_ELIGIBLE_POSTING: "符合条件的岗位已在此前方案中安排或拒绝过",
  NEGATIVE_SCORE_ONLY: "符合条件的岗位匹配分均为负",
  NO_CAPACITY: "符合条件的岗位已无名额（或企业已达上限）",
  OUTCOMPETED: "名额被匹配分更高的学生占用",
  NO_GAIN: "安排该生不能提高总目标值",
};
export const GENDER_LABELS: Record<string, string> = { MALE: "男", FEMALE: "女" };
export const COMPLIANCE_LABELS: Record<string, string> = { BELOW: "低于下限", WITHIN: "达标", ABOVE: "超过上限" };

export { FIELD_LABELS } from "@schema/rules/messages-zh";

/**
 * A Chinese message for an API error of a field. The server answers in Chinese already
 * (server/i18n.ts, the same catalogue); this covers an English message (a client that asked for
 * English, or one the catalogue does not know) by the same words, else a generic one by code.
 */
export function translateMessage(field: string, message: string, code?: string): string {
  if (/[\u4e00-\u9fff]/.test(message)) return message;
  const known = knownMessage(message);
  if (known) return known;
  const label = field ? fieldLabel(field) : "";
  if (/must be|unknown|invalid|required/i.test(message) && label) return `${label}填写有误`;
  return codeMessage(code, field);
}

export const pct = (x: number | null | undefined, digits = 1): string => (x === null || x === undefined ? "—" : `${(x * 100).toFixed(digits)}%`);
export const yuan = (x: number | null | undefined): string => (x === null || x === undefined ? "—" : `${x.toLocaleString("zh-CN")} 元`);
export const dateTime = (iso: string | null | undefined): string => (iso ? new Date(iso).toLocaleString("zh-CN", { hour12: false }) : "—");
