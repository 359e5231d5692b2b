export * from "./auth-checker";
export * from "./token";
