import jwt from "jsonwebtoken";
import { Role } from "../../schema/enums";

/** Who is making a request, taken from a verified token only. */
export interface Viewer {
  userId: string;
  role: Role;
  schoolId: string | null;
  enterpriseId: string | null;
  /** A STUDENT account's own student (absent for the other roles). */
  studentId?: string | null;
}

interface TokenClaims {
  sub: string;
  role: Role;
  school?: string;
  enterprise?: string;
  student?: string;
}

export class TokenService {
  constructor(private readonly secret: string, private readonly ttl: string) {}

  sign(viewer: Viewer): string {
    const claims: TokenClaims = { sub: viewer.userId, role: viewer.role };
    if (viewer.schoolId) claims.school = viewer.schoolId;
    if (viewer.enterpriseId) claims.enterprise = viewer.enterpriseId;
    if (viewer.studentId) claims.student = viewer.studentId;
    return jwt.sign(claims, this.secret, { algorithm: "HS256", expiresIn: this.ttl as jwt.SignOptions["expiresIn"] });
  }

  /** The viewer of an `Authorization: Bearer <token>` header, or null without a valid one. */
  fromAuthorization(header: string | undefined): Viewer | null {
    const value = header ?? "";
    return value.startsWith("Bearer ") ? this.verify(value.slice(7).trim()) : null;
  }

  /** The viewer of a bearer token, or null when the token is missing, expired or forged. */
  verify(token: string): Viewer | null {
    try {
      const claims = jwt.verify(token, this.secret, { algorithms: ["HS256"] }) as TokenClaims;
      if (!Object.values(Role).includes(claims.role) || typeof claims.sub !== "string") return null;
      // A student's token without its student would see nothing of its own: treat it as forged.
      if (claims.role === Role.STUDENT && typeof claims.student !== "string") return null;
      return {
        userId: claims.sub,
        role: claims.role,
        schoolId: claims.school ?? null,
        enterpriseId: claims.enterprise ?? null,
        studentId: claims.student ?? null,
      };
    } catch {
      return null;
    }
  }
}
