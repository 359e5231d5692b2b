import type { Id, AuditAction } from "../store/documents";
import type { AuditStore, PageArgs } from "../store";
import { type Viewer } from "../auth/token";

interface AuditTargets {
  runId?: Id;
  placementId?: Id;
  enterpriseId?: Id;
  schoolId?: Id;
  noticeId?: Id;
}

/** The audit log: who started, solved, committed, accepted or declined what, and when (ids only). */
export class AuditService {
  constructor(private readonly store: AuditStore) {}

  /** Records an action; `viewer` null means the system (e.g. a background solve). */
  async record(viewer: Viewer | null, action: AuditAction, targets: AuditTargets): Promise<void> {
    await this.store.append({ action, actorId: viewer?.userId ?? "system", actorRole: viewer?.role ?? null, ...targets, at: new Date() });
  }

  async list(filter: { runId?: Id; action?: AuditAction; noticeId?: Id }, page: PageArgs) {
    return this.store.page({ runId: filter.runId, action: filter.action, noticeId: filter.noticeId }, page);
  }
}
