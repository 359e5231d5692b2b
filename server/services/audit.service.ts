import type { Types } from "mongoose";
import { AuditEntryModel, type AuditAction } from "../../schema/audit-entry.model";
import type { Viewer } from "../auth";
import { paginate } from "./pagination";

interface AuditTargets {
  runId?: Types.ObjectId;
  placementId?: Types.ObjectId;
  enterpriseId?: Types.ObjectId;
  schoolId?: Types.ObjectId;
}

/** The audit log: who started, solved, committed, accepted or declined what, and when (ids only). */
export class AuditService {
  /** Records an action; `viewer` null means the system (e.g. a background solve). */
  async record(viewer: Viewer | null, action: AuditAction, targets: AuditTargets): Promise<void> {
    await AuditEntryModel.create({ action, actorId: viewer?.userId ?? "system", actorRole: viewer?.role ?? null, ...targets, at: new Date() });
  }

  async list(filter: { runId?: Types.ObjectId; action?: AuditAction }, page: { first: number; after?: string | null }) {
    const query: Record<string, unknown> = {};
    if (filter.runId) query.runId = filter.runId;
    if (filter.action) query.action = filter.action;
    return paginate(AuditEntryModel, query, page);
  }
}
