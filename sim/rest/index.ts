export { createRestHandler } from "./handler.ts";
export type { CinderInternalErrorReport, HandlerHooks } from "./handler.ts";
export type { RestAuth, RestHandler, RestHandlerOptions, RestRequest, RestResponse } from "./types.ts";
export { HttpFault, FAULT_NAMES } from "./faults.ts";
export { MAX_VERSION, MIN_VERSION, negotiate, isMalformedVolumeVersionHeader } from "./microversion.ts";
export { formatDatetime } from "./datetime.ts";
export { pyRepr } from "./py-repr.ts";
export { ROUTES } from "./routes.ts";
export type { Route, Call, Reply } from "./route.ts";
