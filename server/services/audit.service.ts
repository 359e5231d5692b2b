import type { Types } from "mongoose";
import type { AuditAction } from "../../schema/audit-entry.model";
import type { AuditStore, PageArgs } from "../store";
import { type Viewer } from "../auth/token";

interface AuditTargets {
  runId?: Types.ObjectId;
  placementId?: Types.ObjectId;
  enterpriseId?: Types.ObjectId;
  schoolId?: Types.ObjectId;
}

/** The audit log: who started, solved, committed, accepted or declined what, and when (ids only). */
export class AuditService {
  constructor(private readonly store: AuditStore) {}

  /** Records an action; `viewer` null means the system (e.g. a background solve). */
  async record(viewer: Viewer | null, action: AuditAction, targets: AuditTargets): Promise<void> {
    await this.store.append({ action, actorId: viewer?.userId ?? "system", actorRole: viewer?.role ?? null, ...targets, at: new Date() });
  }

  async list(filter: { runId?: Types.ObjectId; action?: AuditAction }, page: PageArgs) {
    return this.store.page({ runId: filter.runId, action: filter.action }, page);
  }
}
