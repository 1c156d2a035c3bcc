export { backupRoutes } from "./backup-routes.ts";
export { backupActionRoute } from "./backup-actions.ts";
export { backupDetail, backupSummary } from "./backup-view.ts";
export * as backupSchemas from "./backup-schemas.ts";
