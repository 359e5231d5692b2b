import type { Types } from "mongoose";
import { PostingModel, type Posting } from "../../schema/posting.model";
import { PostingKind, PostingStatus, type SchoolLevel } from "../../schema/enums";
import type { PageArgs } from "./collection";
import { DocumentStore } from "./document-store";
import type { Equality } from "./filters";
import type { FerretSql } from "./sql";

/** What an allocation reads of a posting. */
export interface PostingProfile {
  id: string;
  enterprise: string;
  kind: PostingKind;
  status: PostingStatus;
  district: string;
  capacity: number;
  majors: string[];
  levels: SchoolLevel[];
}

export interface PostingListFilter {
  enterprise?: string | Types.ObjectId;
  kind?: PostingKind;
  status?: PostingStatus;
  district?: string;
  /** Any of these codes among the posting's majors (a major and its class). */
  majors?: string[];
}

/** Postings. Lists filter by enterprise, kind, status, district and major (GIN-indexed on FerretDB). */
export class PostingsStore extends DocumentStore<Posting> {
  constructor(sql: FerretSql | null) {
    super(PostingModel, sql);
  }

  list(filter: PostingListFilter, page: PageArgs) {
    return this.page(filter as Equality, page);
  }

  /** Open internship postings as an allocation reads them, in id order. */
  async openInternships(): Promise<PostingProfile[]> {
    const postings = await this.find({ kind: PostingKind.INTERNSHIP, status: PostingStatus.OPEN });
    return postings.map((p) => ({ id: String(p._id), enterprise: String(p.enterprise), kind: p.kind, status: p.status, district: p.district, capacity: p.capacity, majors: p.majors, levels: p.levels }));
  }

  /** Open postings (any kind): what supply–demand reports count. */
  open(filter: Equality = {}): Promise<Posting[]> {
    return this.find({ ...filter, status: PostingStatus.OPEN });
  }
}
