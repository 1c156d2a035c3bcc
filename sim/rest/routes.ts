import { attachmentRoutes } from "./attachments/index.ts";
import { availabilityZoneRoutes } from "./availability-zones.ts";
import { backupRoutes } from "./backups/index.ts";
import { limitRoutes } from "./limits.ts";
import { messageRoutes } from "./messages.ts";
import { quotaRoutes } from "./quota-sets.ts";
import type { Route } from "./route.ts";
import { serviceRoutes } from "./services.ts";
import { serviceUpdateRoutes } from "./service-update.ts";
import { snapshotRoutes } from "./snapshots/index.ts";
import { versionRoutes } from "./versions.ts";
import { volumeMetadataRoutes, volumeRoutes } from "./volumes/index.ts";
import { typeRoutes } from "./volume-types.ts";

/** Every `/v3` route, literal paths before `{id}` ones (routes' registration order). */
export const ROUTES: readonly Route[] = [
  ...versionRoutes,
  ...volumeRoutes,
  ...volumeMetadataRoutes,
  ...snapshotRoutes,
  ...backupRoutes,
  ...attachmentRoutes,
  ...quotaRoutes,
  ...serviceRoutes,
  ...serviceUpdateRoutes,
  ...messageRoutes,
  ...limitRoutes,
  ...availabilityZoneRoutes,
  ...typeRoutes,
];
