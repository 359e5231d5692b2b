export * from "./auth-checker";
export * from "./token";
export * from "./scopes";
