import pino from "pino";

/** The process logger (JSON lines on stdout). Personal data is never logged. */
export function createLogger(level: string): pino.Logger {
  return pino({ level, base: undefined, redact: ["password", "*.password", "nationalId", "*.nationalId", "phone", "*.phone"] });
}

export type Logger = pino.Logger;
