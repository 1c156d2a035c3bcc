export * from "./catalog.ts";
export * from "./directory.ts";
export * from "./identity-routes.ts";
export * from "./keystone-errors.ts";
export * from "./password-auth.ts";
export * from "./token-body.ts";
export * from "./token-store.ts";
export * from "./versions.ts";
