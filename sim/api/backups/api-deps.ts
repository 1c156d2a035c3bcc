import type { CloudState } from "../../kernel/cloud-state.ts";
import type { ApiService } from "../api-service.ts";

/** What every API operation uses: the shared state and the cinder-api service (casts, calls, trace). */
export interface ApiDeps {
  readonly state: CloudState;
  readonly api: ApiService;
}
