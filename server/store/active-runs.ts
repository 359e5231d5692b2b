import type { Types } from "mongoose";
import { AllocationRunModel, AllocationRunStatus } from "../../schema/allocation-run.model";

/**
 * Runs whose placements are live offers: COMMITTED and not superseded by
 * another COMMITTED run. The supersede link lives on the newer run, so the
 * switch from the old run to the new one is that one run's status update.
 */
export async function activeRunIds(): Promise<Types.ObjectId[]> {
  const committed = await AllocationRunModel.find({ status: AllocationRunStatus.COMMITTED }, { supersedes: 1 }).lean();
  const superseded = new Set(committed.flatMap((r) => (r.supersedes ?? []).map(String)));
  return committed.filter((r) => !superseded.has(String(r._id))).map((r) => r._id);
}
