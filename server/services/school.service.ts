import type { Id, School } from "../store/documents";
import type { SchoolFilter } from "../../schema/inputs/misc.input";
import type { SchoolInput, UpdateSchoolInput } from "../../schema/inputs/school.input";
import { checkDistrict, checkMajor } from "../../schema/rules";
import { canManageSchool, scopeSchools } from "../auth/scopes";
import { type Viewer } from "../auth/token";
import { ConflictError, ForbiddenError, NotFoundError } from "../errors";
import { DuplicateKey, type PageArgs, type SchoolsStore } from "../store";
import { stripUndefined } from "./enterprise.service";
import { toObjectId } from "./ids";
import { Problems, checkText } from "./problems";

export class SchoolService {
  constructor(private readonly store: SchoolsStore) {}

  async list(viewer: Viewer, filter: SchoolFilter | undefined, page: PageArgs) {
    return this.store.page({ ...scopeSchools(viewer), level: filter?.level, district: filter?.district }, page);
  }

  /** A school the viewer may read, or NOT_FOUND. */
  async get(viewer: Viewer, id: string, field = "id"): Promise<School> {
    const school = await this.store.inScope(toObjectId(field, id), scopeSchools(viewer));
    if (!school) throw new NotFoundError("school", id);
    return school;
  }

  /** A school whose students the viewer manages: NOT_FOUND if unknown, FORBIDDEN if another school's. */
  async getManaged(viewer: Viewer, id: string, field = "schoolId"): Promise<School> {
    const school = await this.store.byId(toObjectId(field, id));
    if (!school) throw new NotFoundError("school", id);
    if (!canManageSchool(viewer, String(school._id))) throw new ForbiddenError("not your school");
    return school;
  }

  async byId(id: Id): Promise<School | null> {
    return this.store.byId(id);
  }

  async create(input: SchoolInput): Promise<School> {
    const fields = this.validate(input);
    try {
      return await this.store.create(fields);
    } catch (err) {
      if (err instanceof DuplicateKey) throw new ConflictError("name", `a school named ${fields.name} exists`);
      throw err;
    }
  }

  async update(viewer: Viewer, id: string, input: UpdateSchoolInput): Promise<School> {
    const current = await this.getManaged(viewer, id, "id");
    const fields = this.validate({ ...current, ...stripUndefined(input) });
    if (fields.name !== current.name && (await this.store.nameTaken(fields.name))) {
      throw new ConflictError("name", `a school named ${fields.name} exists`);
    }
    const updated = await this.store.update(current._id, fields);
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
