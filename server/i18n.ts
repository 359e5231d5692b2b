import type { ApolloServerPlugin } from "@apollo/server";
import type { GraphQLFormattedError } from "graphql";
import { codeMessage, knownMessage, problemMessage } from "../schema/rules/messages-zh";

/**
 * Error messages in the user's language: Chinese, unless the request's Accept-Language prefers
 * English. Codes and field paths stay as they are (English, stable); only `message` texts change.
 */
export function prefersEnglish(acceptLanguage: string | undefined | null): boolean {
  if (!acceptLanguage) return false;
  const ranked = acceptLanguage.split(",").map((part, i) => {
    const [tag = "", ...params] = part.trim().toLowerCase().split(";");
    const q = Number(params.find((p) => p.trim().startsWith("q="))?.trim().slice(2) ?? 1);
    return { tag, q: Number.isFinite(q) ? q : 0, i };
  }).filter((l) => l.tag && l.q > 0).sort((a, b) => b.q - a.q || a.i - b.i);
  const first = ranked.find((l) => l.tag.startsWith("en") || l.tag.startsWith("zh"));
  return first?.tag.startsWith("en") ?? false;
}

interface Problem { field?: string; message?: string; row?: number }

/** The Chinese of one formatted GraphQL error (its problems too). */
export function localizeError(error: GraphQLFormattedError): GraphQLFormattedError {
  const extensions = error.extensions ?? {};
  const code = typeof extensions.code === "string" ? extensions.code : undefined;
  const field = typeof extensions.field === "string" ? extensions.field : "";
  const problems = Array.isArray(extensions.errors) ? (extensions.errors as Problem[]) : null;
  const localized = problems?.map((p) => ({ ...p, message: problemMessage(p.field ?? "", p.message ?? "", code, p.row) }));
  let message: string;
  const single = problems?.length === 1 ? problems[0]! : null;
  if (single && error.message === `${single.field}: ${single.message}`) message = localized![0]!.message;
  else message = knownMessage(error.message) ?? (field && code !== "CONFLICT" ? problemMessage(field, error.message, code) : codeMessage(code, field));
  return { ...error, message, extensions: localized ? { ...extensions, errors: localized } : extensions };
}

/** One error as a request asked for it: as it is with English preferred, else in Chinese. */
export function inRequestLanguage(acceptLanguage: string | undefined, error: GraphQLFormattedError): GraphQLFormattedError {
  return prefersEnglish(acceptLanguage) ? error : localizeError(error);
}

/** An Apollo plugin that answers in Chinese unless the request prefers English. */
export function localizeErrorsPlugin<T extends object>(): ApolloServerPlugin<T> {
  return {
    async requestDidStart({ request }) {
      const english = prefersEnglish(request.http?.headers.get("accept-language"));
      return {
        async willSendResponse({ response }) {
          if (english || response.body.kind !== "single" || !response.body.singleResult.errors) return;
          response.body.singleResult.errors = response.body.singleResult.errors.map(localizeError);
        },
      };
    },
  };
}
