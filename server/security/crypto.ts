import crypto from "node:crypto";

/**
 * Protection of personal data (national ID, phone): AES-256-GCM for the stored
 * value, a keyed HMAC-SHA256 for uniqueness and look-up, so neither the
 * database nor its backups reveal the plain value.
 */
export class PersonalDataCipher {
  constructor(private readonly encryptionKey: Buffer, private readonly hashKey: Buffer) {
    if (encryptionKey.length !== 32) throw new Error("encryption key must be 32 bytes");
  }

  /** Encrypts to "v1.<iv>.<tag>.<ciphertext>" (base64url parts). */
  encrypt(plain: string): string {
    const iv = crypto.randomBytes(12);
    const cipher = crypto.createCipheriv("aes-256-gcm", this.encryptionKey, iv);
    const data = Buffer.concat([cipher.update(plain, "utf8"), cipher.final()]);
    return ["v1", iv.toString("base64url"), cipher.getAuthTag().toString("base64url"), data.toString("base64url")].join(".");
  }

  decrypt(sealed: string): string {
    const [version, iv, tag, data] = sealed.split(".");
    if (version !== "v1" || !iv || !tag || data === undefined) throw new Error("unknown ciphertext format");
    const decipher = crypto.createDecipheriv("aes-256-gcm", this.encryptionKey, Buffer.from(iv, "base64url"));
    decipher.setAuthTag(Buffer.from(tag, "base64url"));
    return Buffer.concat([decipher.update(Buffer.from(data, "base64url")), decipher.final()]).toString("utf8");
  }

  /** Deterministic keyed hash of a normalised value, for unique indexes and look-ups. */
  lookupHash(kind: string, normalized: string): string {
    return crypto.createHmac("sha256", this.hashKey).update(`${kind}:${normalized}`).digest("hex");
  }
}
