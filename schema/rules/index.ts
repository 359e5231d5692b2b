/** Pure domain rules: validators return results, never throw on bad input. */
export * from "./result";
export * from "./school-level";
export * from "./rng";
export * from "./credit-code";
export * from "./national-id";
export * from "./phone";
export * from "./district";
export * from "./industry";
export * from "./major";
export * from "./enterprise-size";
