import http from "node:http";
import express, { type ErrorRequestHandler } from "express";
import { ApolloServer } from "@apollo/server";
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
import { localizeError, localizeErrorsPlugin, prefersEnglish } from "./i18n";

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
    // main.ts handles SIGINT/SIGTERM itself (drain, disconnect, stop FerretDB, exit 0).
    stopOnTerminationSignals: false,
    plugins: [
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
    expressMiddleware(apollo, {
      context: async ({ req }): Promise<Context> => ({ viewer: services.tokens.fromAuthorization(req.headers.authorization), services }),
    }),
  );
  const bodyErrors: ErrorRequestHandler = (err, req, res, next) => {
    const status = (err as { status?: number }).status;
    const english = prefersEnglish(req.headers["accept-language"]);
    const send = (code: number, error: GraphQLFormattedError) => res.status(code).json({ errors: [english ? error : localizeError(error)] });
    if (status === 413) send(413, { message: "request body larger than 4 MB", extensions: { code: "PAYLOAD_TOO_LARGE" } });
    else if (status === 400) send(400, { message: "malformed JSON body", extensions: { code: "BAD_REQUEST" } });
    else next(err);
  };
  mountReportRoutes(app, services);
  mountWebApp(app);
  app.use(bodyErrors);
  return { httpServer, apollo };
}
