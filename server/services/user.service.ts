import type { User } from "../store/documents";
import type { UserInput } from "../../schema/inputs/misc.input";
import { Role } from "../../schema/enums";
import { type TokenService, type Viewer } from "../auth/token";
import { BadUserInputError, ConflictError, NotFoundError, UnauthenticatedError } from "../errors";
import { DuplicateKey, type Stores } from "../store";
import { hashPassword, verifyPassword } from "../security/passwords";
import { toObjectId } from "./ids";

export class UserService {
  constructor(private readonly tokens: TokenService, private readonly stores: Pick<Stores, "users" | "schools" | "enterprises">) {}

  /** Checks the password and issues a token; the same error for an unknown email and a wrong password. */
  async login(email: string, password: string): Promise<{ token: string; user: User }> {
    const user = await this.stores.users.byEmail(String(email).trim().toLowerCase());
    const ok = user ? await verifyPassword(password, user.passwordHash) : await verifyPassword(password, DUMMY_HASH);
    if (!user || !ok) throw new UnauthenticatedError("wrong email or password");
    if (user.role === Role.STUDENT && !user.student) throw new UnauthenticatedError("the student account is not linked to a student");
    return { token: this.tokens.sign(viewerOf(user)), user };
  }

  async me(viewer: Viewer): Promise<User> {
    const user = await this.stores.users.byId(viewer.userId);
    if (!user) throw new UnauthenticatedError("the account no longer exists");
    return user;
  }

  async create(input: UserInput): Promise<User> {
    let school = null;
    let enterprise = null;
    if (input.role === Role.SCHOOL) {
      if (!input.schoolId) throw new BadUserInputError("schoolId", "required for a SCHOOL account");
      school = toObjectId("schoolId", input.schoolId);
      if (!(await this.stores.schools.exists(school))) throw new NotFoundError("school", input.schoolId);
    } else if (input.role === Role.ENTERPRISE) {
      if (!input.enterpriseId) throw new BadUserInputError("enterpriseId", "required for an ENTERPRISE account");
      enterprise = toObjectId("enterpriseId", input.enterpriseId);
      if (!(await this.stores.enterprises.exists(enterprise))) throw new NotFoundError("enterprise", input.enterpriseId);
    } else if (input.role === Role.STUDENT) {
      // UserInput names no student yet; a student account without its student would see nothing.
      throw new BadUserInputError("role", "STUDENT accounts cannot be created here yet");
    }
    try {
      return await this.stores.users.create({ email: input.email, passwordHash: await hashPassword(input.password), role: input.role, school, enterprise });
    } catch (err) {
      if (err instanceof DuplicateKey) throw new ConflictError("email", `an account ${input.email} exists`);
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
    ...(user.role === Role.STUDENT ? { studentId: user.student ? String(user.student) : null } : {}),
  };
}

// Verified against when the email is unknown, so both failures take the same time.
const DUMMY_HASH = "scrypt$32768$8$1$AAAAAAAAAAAAAAAAAAAAAA$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA";
