import type { Types } from "mongoose";
import { SchoolModel, type School } from "../../schema/school.model";
import type { SchoolFilter } from "../../schema/inputs/misc.input";
import type { SchoolInput, UpdateSchoolInput } from "../../schema/inputs/school.input";
import { checkDistrict, checkMajor } from "../../schema/rules";
import { canManageSchool, scopeSchools, type Viewer } from "../auth";
import { ConflictError, ForbiddenError, NotFoundError, isDuplicateKeyError } from "../errors";
import { stripUndefined } from "./enterprise.service";
import { findInScope, paginate, toObjectId } from "./pagination";
import { Problems, checkText } from "./problems";

export class SchoolService {
  async list(viewer: Viewer, filter: SchoolFilter | undefined, page: { first: number; after?: string | null }) {
    const query: Record<string, unknown> = { ...scopeSchools(viewer) };
    if (filter?.level) query.level = filter.level;
    if (filter?.district) query.district = filter.district;
    return paginate(SchoolModel, query, page);
  }

  /** A school the viewer may read, or NOT_FOUND. */
  async get(viewer: Viewer, id: string, field = "id"): Promise<School> {
    const school = await findInScope(SchoolModel, toObjectId(field, id), scopeSchools(viewer));
    if (!school) throw new NotFoundError("school", id);
    return school;
  }

  /** A school whose students the viewer manages: NOT_FOUND if unknown, FORBIDDEN if another school's. */
  async getManaged(viewer: Viewer, id: string, field = "schoolId"): Promise<School> {
    const school = await SchoolModel.findById(toObjectId(field, id)).lean<School>();
    if (!school) throw new NotFoundError("school", id);
    if (!canManageSchool(viewer, String(school._id))) throw new ForbiddenError("not your school");
    return school;
  }

  async byId(id: Types.ObjectId): Promise<School | null> {
    return SchoolModel.findById(id).lean<School>();
  }

  async create(input: SchoolInput): Promise<School> {
    const fields = this.validate(input);
    try {
      return (await SchoolModel.create(fields)).toObject();
    } catch (err) {
      if (isDuplicateKeyError(err)) throw new ConflictError("name", `a school named ${fields.name} exists`);
      throw err;
    }
  }

  async update(viewer: Viewer, id: string, input: UpdateSchoolInput): Promise<School> {
    const current = await this.getManaged(viewer, id, "id");
    const fields = this.validate({ ...current, ...stripUndefined(input) });
    if (fields.name !== current.name && (await SchoolModel.exists({ name: fields.name }))) {
      throw new ConflictError("name", `a school named ${fields.name} exists`);
    }
    const updated = await SchoolModel.findOneAndUpdate({ _id: current._id }, { $set: fields }, { returnDocument: "after" }).lean<School>();
    if (!updated) throw new NotFoundError("school", id);
    return updated;
  }

  private validate(input: SchoolInput) {
    const problems = new Problems();
    const name = checkText(problems, "name", input.name, 2, 100);
    const district = problems.check("district", checkDistrict(String(input.district ?? "")));
    input.majors.forEach((code, i) => problems.check(`majors.${i}`, checkMajor(code, input.level)));
    problems.throwIfAny();
    return { name: name!, level: input.level, district: district!.code, majors: [...new Set(input.majors)] };
  }
}
