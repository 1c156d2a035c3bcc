export { attachmentRoutes } from "./attachment-routes.ts";
export { attachmentDetail, attachmentSummary } from "./attachment-view.ts";
