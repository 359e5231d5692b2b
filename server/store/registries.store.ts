import type { Types } from "mongoose";
import { EnterpriseModel, type Enterprise } from "../../schema/enterprise.model";
import { SchoolModel, type School } from "../../schema/school.model";
import { UserModel, type User } from "../../schema/user.model";
import { ClusterModel, type Cluster } from "../../schema/cluster.model";
import { AuditEntryModel, type AuditEntry } from "../../schema/audit-entry.model";
import { DocumentStore } from "./document-store";
import type { FerretSql } from "./sql";

/** Enterprises. A unified social credit code belongs to one enterprise (unique index). */
export class EnterprisesStore extends DocumentStore<Enterprise> {
  constructor(sql: FerretSql | null) {
    super(EnterpriseModel, sql);
  }

  /** Which of these credit codes are registered already. */
  takenCreditCodes(codes: string[]): Promise<Set<string>> {
    return this.taken("creditCode", codes);
  }

  /** Every enterprise (a city has thousands: small). */
  all(): Promise<Enterprise[]> {
    return this.find({});
  }
}

/** Schools. A school's name is unique (unique index). */
export class SchoolsStore extends DocumentStore<School> {
  constructor(sql: FerretSql | null) {
    super(SchoolModel, sql);
  }

  async nameTaken(name: string): Promise<boolean> {
    return (await SchoolModel.exists({ name })) !== null;
  }

  all(): Promise<School[]> {
    return this.find({});
  }
}

/** Accounts. An email belongs to one account (unique index, stored lower-case). */
export class UsersStore extends DocumentStore<User> {
  constructor(sql: FerretSql | null) {
    super(UserModel, sql);
  }

  byEmail(email: string): Promise<User | null> {
    return UserModel.findOne({ email }).lean<User>().exec();
  }
}

/** The key industrial clusters (a handful, edited by the bureau). */
export class ClustersStore extends DocumentStore<Cluster> {
  constructor(sql: FerretSql | null) {
    super(ClusterModel, sql);
  }

  all(): Promise<Cluster[]> {
    return ClusterModel.find({}).sort({ code: 1 }).lean<Cluster[]>().exec();
  }

  async isEmpty(): Promise<boolean> {
    return (await ClusterModel.estimatedDocumentCount()) === 0;
  }

  /** Creates or replaces the cluster with this code. */
  upsert(code: string, fields: Omit<Cluster, "_id" | "code">): Promise<Cluster> {
    return ClusterModel.findOneAndUpdate({ code }, { $set: { ...fields, code } }, { upsert: true, returnDocument: "after" }).lean<Cluster>().exec() as Promise<Cluster>;
  }
}

/** The audit log: appended, never changed. Lists filter by action and run. */
export class AuditStore extends DocumentStore<AuditEntry> {
  constructor(sql: FerretSql | null) {
    super(AuditEntryModel, sql);
  }

  append(entry: Omit<AuditEntry, "_id">): Promise<AuditEntry> {
    return this.create(entry as Partial<AuditEntry>);
  }
}

export type { Types };
