import http from "node:http";
import express, { type ErrorRequestHandler } from "express";
import { ApolloServer, type ApolloServerPlugin } from "@apollo/server";
import { expressMiddleware } from "@as-integrations/express5";
import { ApolloServerPluginDrainHttpServer } from "@apollo/server/plugin/drainHttpServer";
import { ApolloServerPluginLandingPageDisabled } from "@apollo/server/plugin/disabled";
import { ApolloServerPluginLandingPageLocalDefault } from "@apollo/server/plugin/landingPage/default";
import { unwrapResolverError } from "@apollo/server/errors";
import { maxDepthRule } from "@escape.tech/graphql-armor-max-depth";
import { maxAliasesRule } from "@escape.tech/graphql-armor-max-aliases";
import type { GraphQLFormattedError } from "graphql";
import { GraphQLError, type ValidationContext } from "graphql";
import type { Config } from "./config";
import type { Context } from "./context";
import { AppError } from "./errors";
import type { Logger } from "./logger";
import { graphqlSchema } from "./schema";
import type { Services } from "./services";
import { mountReportRoutes } from "./exports/routes";
import { mountWebApp } from "./web/serve";
import { inRequestLanguage, localizeErrorsPlugin } from "./i18n";

export const LIMITS = { maxDepth: 8, maxAliases: 15, bodyBytes: "4mb" } as const;

// Codes produced by GraphQL itself or Apollo for a bad request: safe to show as they are.
const CLIENT_CODES = new Set(["GRAPHQL_PARSE_FAILED", "GRAPHQL_VALIDATION_FAILED", "BAD_USER_INPUT", "BAD_REQUEST", "OPERATION_RESOLUTION_FAILURE", "PERSISTED_QUERY_NOT_FOUND", "PERSISTED_QUERY_NOT_SUPPORTED"]);

interface ValidationErrorLike {
  property: string;
  constraints?: Record<string, string>;
  children?: ValidationErrorLike[];
}

/** Flattens class-validator errors into { field, message } with dotted paths. */
function flattenValidation(errors: ValidationErrorLike[], prefix = ""): { field: string; message: string }[] {
  return errors.flatMap((e) => [
    ...Object.values(e.constraints ?? {}).map((message) => ({ field: prefix + e.property, message })),
    ...flattenValidation(e.children ?? [], `${prefix}${e.property}.`),
  ]);
}

/** Expected errors keep their code; anything else is logged and shown without details. */
export function formatError(logger: Logger) {
  return (formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError => {
    const original = unwrapResolverError(error);
    if (original instanceof AppError) {
      return { message: original.message, path: formatted.path, locations: formatted.locations, extensions: original.extensions };
    }
    const code = formatted.extensions?.code;
    if (isDatabaseUnavailable(original)) {
      logger.warn({ err: original, path: formatted.path }, "the database is unavailable");
      return { message: "the database is unavailable; retry shortly", path: formatted.path, extensions: { code: "DATABASE_UNAVAILABLE", retryable: true } };
    }
    if (original instanceof GraphQLError && Array.isArray(original.extensions?.validationErrors)) {
      const problems = flattenValidation(original.extensions.validationErrors as ValidationErrorLike[]);
      return {
        message: problems.map((p) => `${p.field}: ${p.message}`).join("; ") || formatted.message,
        path: formatted.path,
        extensions: { code: "BAD_USER_INPUT", field: problems[0]?.field, errors: problems },
      };
    }
    if (typeof code === "string" && CLIENT_CODES.has(code)) return formatted;
    if (code === "UNAUTHENTICATED") return formatted;
    if (code === "UNAUTHORIZED") return { ...formatted, extensions: { code: "FORBIDDEN" } };
    logger.error({ err: original, path: formatted.path }, "unexpected error in a GraphQL request");
    return { message: "Internal server error", path: formatted.path, extensions: { code: "INTERNAL_SERVER_ERROR" } };
  };
}

/** A lost database connection (MongoDB driver or PostgreSQL): the request may be retried. */
function isDatabaseUnavailable(error: unknown): boolean {
  const e = error as { name?: string; code?: string } | null;
  if (!e || typeof e !== "object") return false;
  if (e.name === "MongoNetworkError" || e.name === "MongoServerSelectionError" || e.name === "MongoNotConnectedError" || e.name === "MongoTopologyClosedError" || e.name === "MongoNetworkTimeoutError") return true;
  // node-postgres: connection refused or reset, or PostgreSQL shutting down (SQLSTATE class 57, 08).
  return ["ECONNREFUSED", "ECONNRESET", "EPIPE"].includes(String(e.code)) || /^(57P0[1-3]|08\d\d\d)$/.test(String(e.code));
}

/** Answers 503 when a request failed because the database is unavailable (clients retry on it). */
function databaseUnavailableStatus(): ApolloServerPlugin<Context> {
  return {
    async requestDidStart() {
      return {
        async willSendResponse({ response }) {
          const errors = response.body.kind === "single" ? response.body.singleResult.errors : undefined;
          if (errors?.some((e) => e.extensions?.code === "DATABASE_UNAVAILABLE")) response.http.status = 503;
        },
      };
    },
  };
}

/** The path of the first U+0000 in a request's variables (PostgreSQL's jsonb cannot store it), or null. */
function nulPath(value: unknown, path: string): string | null {
  if (typeof value === "string") return value.includes("\u0000") ? path : null;
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) { const found = nulPath(value[i], `${path}.${i}`); if (found) return found; }
  } else if (value && typeof value === "object") {
    for (const [k, v] of Object.entries(value)) { const found = nulPath(v, path ? `${path}.${k}` : k); if (found) return found; }
  }
  return null;
}

/** Refuses U+0000 in a request (a variable or an escape in the query text) as BAD_USER_INPUT, naming it. */
const refuseNul: express.RequestHandler = (req, res, next) => {
  const body = req.body as { query?: unknown; variables?: unknown } | undefined;
  const field = nulPath(body?.variables, "") ?? (typeof body?.query === "string" && (body.query.includes("\\u0000") || body.query.includes("\u0000")) ? "query" : null);
  if (!field) return next();
  const error: GraphQLFormattedError = { message: `${field}: must not contain the NUL character (U+0000)`, extensions: { code: "BAD_USER_INPUT", field, errors: [{ field, message: "must not contain the NUL character (U+0000)" }] } };
  res.status(400).json({ errors: [inRequestLanguage(req.headers["accept-language"], error)] });
};

/** Reports a limit as a validation error (400, GRAPHQL_VALIDATION_FAILED) instead of a thrown one (500). */
function reportLimit(context: ValidationContext | null, error: GraphQLError): void {
  context?.reportError(new GraphQLError(error.message.replace(/^Syntax Error: /, "")));
}

export interface App {
  httpServer: http.Server;
  apollo: ApolloServer<Context>;
}

/** Express + Apollo on an http.Server that is not yet listening. */
export async function createApp(config: Config, services: Services, logger: Logger): Promise<App> {
  const app = express();
  app.disable("x-powered-by");
  const httpServer = http.createServer(app);
  const production = config.env === "production";
  const apollo = new ApolloServer<Context>({
    schema: await graphqlSchema(),
    introspection: !production,
    validationRules: [maxDepthRule({ n: LIMITS.maxDepth, propagateOnRejection: false, onReject: [reportLimit] }), maxAliasesRule({ n: LIMITS.maxAliases, propagateOnRejection: false, onReject: [reportLimit] })],
    formatError: formatError(logger),
    includeStacktraceInErrorResponses: false,
    // No automatic persisted queries: a client that sends one gets PERSISTED_QUERY_NOT_SUPPORTED.
    persistedQueries: false,
    // main.ts handles SIGINT/SIGTERM itself (drain, disconnect, stop FerretDB, exit 0).
    stopOnTerminationSignals: false,
    plugins: [
      databaseUnavailableStatus(),
      localizeErrorsPlugin<Context>(),
      ApolloServerPluginDrainHttpServer({ httpServer }),
      production ? ApolloServerPluginLandingPageDisabled() : ApolloServerPluginLandingPageLocalDefault({ embed: true }),
    ],
  });
  await apollo.start();

  app.get("/healthz", (_req, res) => {
    res.json({ ok: true });
  });
  app.use(
    "/graphql",
    express.json({ limit: LIMITS.bodyBytes }),
    refuseNul,
    expressMiddleware(apollo, {
      context: async ({ req }): Promise<Context> => ({ viewer: services.tokens.fromAuthorization(req.headers.authorization), services }),
    }),
  );
  const bodyErrors: ErrorRequestHandler = (err, req, res, next) => {
    const status = (err as { status?: number }).status;
    const send = (code: number, error: GraphQLFormattedError) => res.status(code).json({ errors: [inRequestLanguage(req.headers["accept-language"], error)] });
    if (status === 413) send(413, { message: "request body larger than 4 MB", extensions: { code: "PAYLOAD_TOO_LARGE" } });
    else if (status === 400) send(400, { message: "malformed JSON body", extensions: { code: "BAD_REQUEST" } });
    else next(err);
  };
  mountReportRoutes(app, services);
  mountWebApp(app);
  app.use(bodyErrors);
  return { httpServer, apollo };
}
