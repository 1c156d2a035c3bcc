import { backupRoutes } from "./backups/index.ts";
import type { Route } from "./route.ts";
import { versionRoutes } from "./versions.ts";

/** Every `/v3` route, literal paths before `{id}` ones (routes' registration order). */
export const ROUTES: readonly Route[] = [
  ...versionRoutes,
  ...backupRoutes,
];
