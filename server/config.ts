import path from "node:path";
import crypto from "node:crypto";

/** Everything the server reads from the environment, read and validated once. */
export interface Config {
  env: "development" | "test" | "production";
  port: number;
  /** A real MongoDB to use instead of the embedded FerretDB. */
  mongodbUri?: string;
  /** Database name used with the embedded FerretDB. */
  dbName: string;
  /** Embedded FerretDB data directory. */
  dataDir: string;
  /** Port of the embedded FerretDB (0 = pick a free one). */
  ferretdbPort: number;
  jwtSecret: string;
  jwtTtl: string;
  /** 32-byte AES-256-GCM key for national IDs and phones. */
  encryptionKey: Buffer;
  /** Key of the HMAC used for look-up hashes of national IDs and phones. */
  hashKey: Buffer;
  logLevel: string;
  seedDemo: boolean;
  /** Wall-clock limit of one allocation solve. */
  solveTimeoutMs: number;
  /** Crash tests only: kill the process at this step of an allocation (see CrashPoint). */
  crashAt?: string;
}

export class ConfigError extends Error {}

// Development-only keys: production refuses to start without real ones.
const DEV_SECRET = "dev-only-secret-change-me-0123456789abcdef";

function readKey(name: string, value: string | undefined, env: Config["env"]): Buffer {
  if (!value) {
    if (env === "production") throw new ConfigError(`${name} is required in production (64 hex characters)`);
    return crypto.createHash("sha256").update(`${DEV_SECRET}:${name}`).digest();
  }
  if (!/^[0-9a-fA-F]{64}$/.test(value)) throw new ConfigError(`${name} must be 64 hex characters (32 bytes)`);
  return Buffer.from(value, "hex");
}

function readInt(name: string, value: string | undefined, fallback: number, min: number, max: number): number {
  if (value === undefined || value === "") return fallback;
  const n = Number(value);
  if (!Number.isInteger(n) || n < min || n > max) throw new ConfigError(`${name} must be an integer in ${min}..${max}, got "${value}"`);
  return n;
}

/** Reads and validates the configuration from an environment (process.env by default). */
export function loadConfig(source: NodeJS.ProcessEnv = process.env): Config {
  const rawEnv = source.NODE_ENV ?? "development";
  if (rawEnv !== "development" && rawEnv !== "test" && rawEnv !== "production") {
    throw new ConfigError(`NODE_ENV must be development, test or production, got "${rawEnv}"`);
  }
  const env = rawEnv;
  const jwtSecret = source.JWT_SECRET ?? (env === "production" ? "" : DEV_SECRET);
  if (jwtSecret.length < 32) throw new ConfigError("JWT_SECRET must be at least 32 characters");
  return {
    env,
    port: readInt("PORT", source.PORT, 4000, 0, 65535),
    mongodbUri: source.MONGODB_URI || undefined,
    dbName: source.DB_NAME || "talent",
    dataDir: path.resolve(source.DATA_DIR || ".data"),
    ferretdbPort: readInt("FERRETDB_PORT", source.FERRETDB_PORT, 0, 0, 65535),
    jwtSecret,
    jwtTtl: source.JWT_TTL || "12h",
    encryptionKey: readKey("ENCRYPTION_KEY", source.ENCRYPTION_KEY, env),
    hashKey: readKey("HASH_KEY", source.HASH_KEY, env),
    logLevel: source.LOG_LEVEL || (env === "test" ? "warn" : "info"),
    seedDemo: source.SEED_DEMO ? source.SEED_DEMO !== "false" : env !== "production",
    solveTimeoutMs: readInt("SOLVE_TIMEOUT_MS", source.SOLVE_TIMEOUT_MS, 600_000, 1000, 86_400_000),
    crashAt: source.ALLOCATION_CRASH_AT || undefined,
  };
}
