import type { ObjectStore } from "../../../lib/stores/index.ts";
import { SwiftContainer, type StartedSwiftContainer } from "../../../lib/backends/index.ts";
import { SwiftTempAuth } from "../../../lib/stores/swift/swift-auth.ts";
import { SwiftObjectStore } from "../../../lib/stores/swift/swift-object-store.ts";
import { DriverLoadError } from "../../driver/module-driver.ts";
import { ScopedStore } from "./scoped-store.ts";
import { unwrapStore, type StoreBinding } from "./store-binding.ts";

/**
 * cinder:swift against the Swift all-in-one container (tempauth v1): each rule gets its own
 * `backup_swift_container`, and sees only that container.
 */
export async function swiftBinding(runId: string): Promise<StoreBinding> {
  let swift: StartedSwiftContainer;
  try {
    swift = await new SwiftContainer().start();
  } catch (e) {
    throw new DriverLoadError("backend-failed", `cinder:swift: the Swift backend failed to start: ${(e as Error).message}`);
  }
  const account = new SwiftObjectStore({ auth: new SwiftTempAuth(swift.authUrl, swift.user, swift.key) });
  const scopes = new WeakMap<ObjectStore, string>();
  let n = 0;
  return {
    label: "the Swift all-in-one (tempauth)",
    async createStore() {
      const scope = `cbh-${runId}-${++n}`;
      const store = new ScopedStore(account, scope);
      scopes.set(store, scope);
      return store;
    },
    optionsFor(store) {
      const own = unwrapStore(store, scopes);
      return {
        backup_swift_auth: "single_user",
        backup_swift_auth_version: "1",
        backup_swift_auth_url: swift.authUrl,
        backup_swift_user: swift.user,
        backup_swift_key: swift.key,
        backup_swift_retry_attempts: 1,
        ...(own ? { backup_swift_container: scopes.get(own)! } : {}),
      };
    },
    async disposeStore(store) {
      const scope = scopes.get(store);
      if (!scope) return;
      for (const c of await store.listContainers()) {
        for (const o of await store.listObjects(c)) await store.deleteObject(c, o);
      }
    },
    async close() {
      await swift.stop();
    },
  };
}
