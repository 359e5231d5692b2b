import type { Types } from "mongoose";
import { ApplicationModel, type Application } from "../../schema/application.model";
import { ApplicationStatus } from "../../schema/enums";
import type { PageArgs } from "./collection";
import { DocumentStore } from "./document-store";
import type { Equality } from "./filters";
import type { FerretSql } from "./sql";

/**
 * Students' ranked preferences. Guarantees: one application per (student, posting) (a unique
 * index: a second insert fails with DuplicateKey); a status change is guarded by the status it
 * expects. Lists filter by school, enterprise, student, posting and status.
 */
export class ApplicationsStore extends DocumentStore<Application> {
  constructor(sql: FerretSql | null) {
    super(ApplicationModel, sql);
  }

  list(filter: { school?: string; enterprise?: string; student?: string; posting?: string; status?: ApplicationStatus }, page: PageArgs) {
    return this.page(filter as Equality, page);
  }

  /** Every application of a student (any status). */
  ofStudent(student: Types.ObjectId): Promise<Application[]> {
    return this.find({ student });
  }

  /** Active applications of the students of these schools (all when empty): a run's preferences. */
  activeOf(schools: Types.ObjectId[]): Promise<Application[]> {
    return this.find({ status: ApplicationStatus.ACTIVE, ...(schools.length ? { school: schools } : {}) });
  }
}
