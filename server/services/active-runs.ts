// Moved into the store; kept as a name for the report service until it reads it from there.
export { activeRunIds } from "../store/active-runs";
