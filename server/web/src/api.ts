/** The web app's only backend: the GraphQL API at /graphql, with the bearer token of the login. */
import { reactive } from "vue";
import { translateMessage } from "./zh";

const TOKEN_KEY = "talent-app-token";

export type Role = "BUREAU" | "SCHOOL" | "ENTERPRISE" | "STUDENT";

export interface Viewer {
  id: string;
  email: string;
  role: Role;
  school: string | null;
  enterprise: string | null;
}

/** The logged-in account (null before login). */
export const session = reactive<{ token: string | null; viewer: Viewer | null }>({
  token: sessionStorage.getItem(TOKEN_KEY),
  viewer: null,
});

export interface FieldProblem {
  field: string;
  message: string;
  row?: number;
}

/** An error of a GraphQL request, with its code, field and every field problem, messages in Chinese. */
export class ApiError extends Error {
  constructor(
    message: string,
    readonly code: string,
    readonly field: string | undefined,
    readonly problems: FieldProblem[],
  ) {
    super(message);
  }
}

interface RawError {
  message: string;
  extensions?: { code?: string; field?: string; errors?: FieldProblem[] };
}

function toApiError(raw: RawError): ApiError {
  const code = raw.extensions?.code ?? "INTERNAL_SERVER_ERROR";
  const problems = (raw.extensions?.errors ?? []).map((p) => ({ ...p, message: translateMessage(p.field, p.message) }));
  const field = raw.extensions?.field;
  let message: string;
  if (problems.length === 1) message = problems[0]!.message;
  else if (problems.length > 1) message = `${problems.length} 处填写有误，请按提示修改`;
  else message = translateMessage(field ?? "", raw.message, code);
  return new ApiError(message, code, field, problems);
}

let onUnauthenticated: () => void = () => undefined;
/** What to do when the token is missing or expired (the router sends the user to the login page). */
export function whenUnauthenticated(handler: () => void): void {
  onUnauthenticated = handler;
}

/** Sends one GraphQL request; throws ApiError with Chinese messages. */
export async function gql<T = any>(query: string, variables?: Record<string, unknown>): Promise<T> {
  let res: Response;
  try {
    res = await fetch("/graphql", {
      method: "POST",
      headers: { "content-type": "application/json", ...(session.token ? { authorization: `Bearer ${session.token}` } : {}) },
      body: JSON.stringify({ query, variables }),
    });
  } catch {
    throw new ApiError("无法连接服务器，请检查网络后重试", "NETWORK", undefined, []);
  }
  let body: { data?: T; errors?: RawError[] };
  try {
    body = await res.json();
  } catch {
    throw new ApiError(`服务器返回异常（HTTP ${res.status}）`, "INTERNAL_SERVER_ERROR", undefined, []);
  }
  if (body.errors?.length) {
    const error = toApiError(body.errors[0]!);
    if (error.code === "UNAUTHENTICATED" && session.token) {
      logout();
      onUnauthenticated();
    }
    throw error;
  }
  return body.data as T;
}

/**
 * The same request through XMLHttpRequest, reporting upload progress (0–1): large imports
 * (up to 5,000 rows, about 1 MB) show a progress bar while they are sent.
 */
export function gqlWithProgress<T = any>(query: string, variables: Record<string, unknown>, onProgress: (fraction: number) => void): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open("POST", "/graphql");
    xhr.setRequestHeader("content-type", "application/json");
    if (session.token) xhr.setRequestHeader("authorization", `Bearer ${session.token}`);
    xhr.upload.onprogress = (event) => {
      if (event.lengthComputable) onProgress(event.loaded / event.total);
    };
    xhr.onerror = () => reject(new ApiError("无法连接服务器，请检查网络后重试", "NETWORK", undefined, []));
    xhr.onload = () => {
      try {
        const body = JSON.parse(xhr.responseText) as { data?: T; errors?: RawError[] };
        if (body.errors?.length) reject(toApiError(body.errors[0]!));
        else resolve(body.data as T);
      } catch {
        reject(new ApiError(`服务器返回异常（HTTP ${xhr.status}）`, "INTERNAL_SERVER_ERROR", undefined, []));
      }
    };
    xhr.send(JSON.stringify({ query, variables }));
  });
}

export async function login(email: string, password: string): Promise<Viewer> {
  const data = await gql<{ login: { token: string; user: Viewer } }>(
    `mutation($e: String!, $p: String!) { login(email: $e, password: $p) { token user { id email role school enterprise } } }`,
    { e: email, p: password },
  );
  session.token = data.login.token;
  sessionStorage.setItem(TOKEN_KEY, data.login.token);
  session.viewer = data.login.user;
  return data.login.user;
}

/** Reads the account of a stored token (after a reload); null when it has expired. */
export async function restoreSession(): Promise<Viewer | null> {
  if (!session.token) return null;
  if (session.viewer) return session.viewer;
  try {
    session.viewer = (await gql<{ me: Viewer }>(`{ me { id email role school enterprise } }`)).me;
    return session.viewer;
  } catch {
    logout();
    return null;
  }
}

export function logout(): void {
  session.token = null;
  session.viewer = null;
  sessionStorage.removeItem(TOKEN_KEY);
}

/** Downloads an export (CSV or XLSX) with the token, as a file the browser saves. */
export async function downloadExport(report: string, format: "csv" | "xlsx", year: number, groupBy?: string): Promise<void> {
  const params = new URLSearchParams({ year: String(year), ...(groupBy ? { groupBy } : {}) });
  const res = await fetch(`/exports/${report}.${format}?${params}`, { headers: { authorization: `Bearer ${session.token ?? ""}` } });
  if (!res.ok) {
    const body = await res.json().catch(() => ({ error: { code: "", message: "" } }));
    throw new ApiError(translateMessage("", body.error?.message ?? "", body.error?.code), body.error?.code ?? "", undefined, []);
  }
  const blob = await res.blob();
  const disposition = res.headers.get("content-disposition") ?? "";
  const star = /filename\*=UTF-8''([^;]+)/i.exec(disposition);
  const name = star ? decodeURIComponent(star[1]!) : `${report}-${year}.${format}`;
  const url = URL.createObjectURL(blob);
  const a = document.createElement("a");
  a.href = url;
  a.download = name;
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

/** Every page of a connection, 100 at a time (for small lists such as one school's runs). */
export async function allPages<N>(fetchPage: (after: string | null) => Promise<{ edges: { node: N }[]; pageInfo: { hasNextPage: boolean; endCursor: string | null } }>, maxPages = 50): Promise<N[]> {
  const nodes: N[] = [];
  let after: string | null = null;
  for (let i = 0; i < maxPages; i++) {
    const page = await fetchPage(after);
    nodes.push(...page.edges.map((e) => e.node));
    if (!page.pageInfo.hasNextPage) break;
    after = page.pageInfo.endCursor;
  }
  return nodes;
}
