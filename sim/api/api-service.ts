import type { RpcHandlers } from "../bus/rpc-api.ts";
import type { CloudState } from "../kernel/cloud-state.ts";
import { CinderService } from "../services/cinder-service.ts";

/** cinder-api: the service that sends the API's casts and calls (it consumes nothing: an empty RPC table). */
export class ApiService extends CinderService<Record<never, never>> {
  constructor(state: CloudState, host: string, az: string) {
    super(state, "cinder-api", host, az, "cinder-api");
  }

  protected readonly handlers: RpcHandlers<Record<never, never>> = {};
}
