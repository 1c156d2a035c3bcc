import { SwiftContainer } from "../../../lib/backends/index.ts";
import { SwiftTempAuth } from "../../../lib/stores/swift/swift-auth.ts";
import { SwiftObjectStore } from "../../../lib/stores/swift/swift-object-store.ts";
import { scopedBinding, startBackendFor } from "./scoped-binding.ts";
import type { StoreBinding } from "./store-binding.ts";

/**
 * cinder:swift against the Swift all-in-one container (tempauth v1): each rule gets its own
 * `backup_swift_container`, and sees only that container.
 */
export async function swiftBinding(driver: string, runId: string): Promise<StoreBinding> {
  const swift = await startBackendFor(driver, "the Swift backend", () => new SwiftContainer().start());
  return scopedBinding({
    label: "the Swift all-in-one (tempauth)",
    runId,
    account: new SwiftObjectStore({ auth: new SwiftTempAuth(swift.authUrl, swift.user, swift.key) }),
    options: (scope) => ({
      backup_swift_auth: "single_user",
      backup_swift_auth_version: "1",
      backup_swift_auth_url: swift.authUrl,
      backup_swift_user: swift.user,
      backup_swift_key: swift.key,
      backup_swift_retry_attempts: 1,
      ...(scope ? { backup_swift_container: scope } : {}),
    }),
    close: () => swift.stop().then(() => undefined),
  });
}
