import type { Viewer } from "./auth/token";
import type { Services } from "./services";

/** Per request: who is asking (from the token only) and the services. */
export interface Context {
  viewer: Viewer | null;
  services: Services;
}

/** The viewer of a resolver behind an access rule (the auth checker guarantees one). */
export function viewerOf(context: Context): Viewer {
  if (!context.viewer) throw new Error("resolver reached without a viewer: missing @Authorized");
  return context.viewer;
}
