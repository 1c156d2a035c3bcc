export { snapshotRoutes } from "./snapshot-routes.ts";
export { snapshotDetail, snapshotSummary } from "./snapshot-view.ts";
