import type { RpcMessage } from "../bus/rpc-message.ts";
import type { CloudState } from "../kernel/cloud-state.ts";
import { CinderService } from "../services/cinder-service.ts";

/** cinder-api: the service that sends the API's casts and calls (it consumes nothing). */
export class ApiService extends CinderService {
  constructor(state: CloudState, host: string, az: string) {
    super(state, "cinder-api", host, az, "cinder-api");
  }

  protected async handle(method: string, _a: Record<string, unknown>, _epoch: number, _msg: RpcMessage): Promise<unknown> {
    throw new Error(`cinder-api consumes no RPC (${method})`);
  }
}
