export { volumeRoutes } from "./volume-routes.ts";
export { volumeActionRoute } from "./volume-actions.ts";
export { volumeDetail, volumeSummary } from "./volume-view.ts";
export { volumeMetadataRoutes } from "./volume-metadata.ts";
