import "reflect-metadata";
import type { GraphQLSchema } from "graphql";
import { buildSchema } from "type-graphql";
import { authChecker } from "./auth";
import { resolvers } from "./resolvers";

let built: Promise<GraphQLSchema> | undefined;

/** Builds the GraphQL schema once per process (type-graphql metadata is global). */
export function graphqlSchema(): Promise<GraphQLSchema> {
  built ??= buildSchema({
    resolvers,
    authChecker,
    // Every root field declares its own rule; "null" mode would hide denials.
    authMode: "error",
    validate: { forbidUnknownValues: false },
  });
  return built;
}
