import { UserModel, type User } from "../../schema/user.model";
import type { UserInput } from "../../schema/inputs/misc.input";
import { Role } from "../../schema/enums";
import { SchoolModel } from "../../schema/school.model";
import { EnterpriseModel } from "../../schema/enterprise.model";
import type { TokenService, Viewer } from "../auth";
import { BadUserInputError, ConflictError, NotFoundError, UnauthenticatedError, isDuplicateKeyError } from "../errors";
import { hashPassword, verifyPassword } from "../security/passwords";
import { toObjectId } from "./pagination";

export class UserService {
  constructor(private readonly tokens: TokenService) {}

  /** Checks the password and issues a token; the same error for an unknown email and a wrong password. */
  async login(email: string, password: string): Promise<{ token: string; user: User }> {
    const user = await UserModel.findOne({ email: String(email).trim().toLowerCase() }).lean<User>();
    const ok = user ? await verifyPassword(password, user.passwordHash) : await verifyPassword(password, DUMMY_HASH);
    if (!user || !ok) throw new UnauthenticatedError("wrong email or password");
    return { token: this.tokens.sign(viewerOf(user)), user };
  }

  async me(viewer: Viewer): Promise<User> {
    const user = await UserModel.findById(viewer.userId).lean<User>();
    if (!user) throw new UnauthenticatedError("the account no longer exists");
    return user;
  }

  async create(input: UserInput): Promise<User> {
    let school = null;
    let enterprise = null;
    if (input.role === Role.SCHOOL) {
      if (!input.schoolId) throw new BadUserInputError("schoolId", "required for a SCHOOL account");
      school = toObjectId("schoolId", input.schoolId);
      if (!(await SchoolModel.exists({ _id: school }))) throw new NotFoundError("school", input.schoolId);
    } else if (input.role === Role.ENTERPRISE) {
      if (!input.enterpriseId) throw new BadUserInputError("enterpriseId", "required for an ENTERPRISE account");
      enterprise = toObjectId("enterpriseId", input.enterpriseId);
      if (!(await EnterpriseModel.exists({ _id: enterprise }))) throw new NotFoundError("enterprise", input.enterpriseId);
    }
    try {
      const created = await UserModel.create({ email: input.email, passwordHash: await hashPassword(input.password), role: input.role, school, enterprise });
      return created.toObject();
    } catch (err) {
      if (isDuplicateKeyError(err)) throw new ConflictError("email", `an account ${input.email} exists`);
      throw err;
    }
  }
}

/** The token identity of a user account. */
export function viewerOf(user: User): Viewer {
  return {
    userId: String(user._id),
    role: user.role,
    schoolId: user.school ? String(user.school) : null,
    enterpriseId: user.enterprise ? String(user.enterprise) : null,
  };
}

// Verified against when the email is unknown, so both failures take the same time.
const DUMMY_HASH = "scrypt$32768$8$1$AAAAAAAAAAAAAAAAAAAAAA$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA";
