import { canaryDriver, findCanary } from "../canaries/index.ts";
import type { DriverUnderTest } from "../driver/driver-under-test.ts";
import { resolveDriver, type Backend } from "../driver/driver-registry.ts";
import { referenceDriver } from "../driver/reference-driver.ts";
import type { ProtocolFlags } from "../drivers/driver-specs.ts";

/**
 * How a worker thread builds the same driver as the main thread (plain, cloneable data): a
 * `--driver` spec with its backend and protocol flags (ref, a TypeScript module, cinder:/python:/
 * exec:), or a canary by id.
 */
export type DriverRecipe =
  | { readonly kind: "spec"; readonly spec: string; readonly backend: Backend; readonly protocol?: ProtocolFlags }
  | { readonly kind: "canary"; readonly id: string };

export async function driverFromRecipe(r: DriverRecipe): Promise<DriverUnderTest> {
  if (r.kind === "spec") return resolveDriver(r.spec, r.backend, r.protocol);
  const c = findCanary(r.id);
  if (!c) throw new Error(`unknown canary '${r.id}'`);
  return canaryDriver(c, referenceDriver());
}
