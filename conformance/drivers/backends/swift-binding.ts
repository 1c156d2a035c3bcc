import { CephContainer, SwiftContainer } from "../../../lib/backends/index.ts";
import { SwiftTempAuth } from "../../../lib/stores/swift/swift-auth.ts";
import { SwiftObjectStore } from "../../../lib/stores/swift/swift-object-store.ts";
import { scopedBinding, startBackendFor } from "./scoped-binding.ts";
import type { StoreBinding } from "./store-binding.ts";

/** A started Swift API with v1 (tempauth-style) auth: the Swift AIO, or radosgw's Swift API. */
interface SwiftEndpoint {
  authUrl: string;
  user: string;
  key: string;
  label: string;
  stop(): Promise<unknown>;
}

async function startSwift(target: "aio" | "radosgw"): Promise<SwiftEndpoint> {
  if (target === "aio") {
    const swift = await new SwiftContainer().start();
    return { authUrl: swift.authUrl, user: swift.user, key: swift.key, label: "the Swift all-in-one (tempauth)", stop: () => swift.stop() };
  }
  // radosgw answers GET /auth/v1.0 with X-Auth-User/X-Auth-Key (its swift subuser): what
  // swiftclient's v1 auth sends for backup_swift_auth=single_user, backup_swift_auth_version=1.
  const ceph = await new CephContainer()
    .withMgr(false)
    .withMemstoreBytes(1024 ** 3)
    .start();
  const { swiftUser, swiftKey } = ceph.credentials;
  return {
    authUrl: ceph.swiftAuthUrl,
    user: swiftUser,
    key: swiftKey,
    label: "radosgw's Swift API (Ceph container, v1 auth)",
    stop: () => ceph.stop(),
  };
}

/**
 * cinder:swift against a Swift API with v1 auth — the Swift all-in-one container (tempauth) or,
 * as a second target (`cinder:swift@radosgw`), radosgw's Swift API in the Ceph container: each
 * rule gets its own `backup_swift_container`, and sees only that container.
 */
export async function swiftBinding(driver: string, runId: string, target: "aio" | "radosgw" = "aio"): Promise<StoreBinding> {
  const what = target === "aio" ? "the Swift backend" : "the Ceph/radosgw backend (Swift API)";
  const swift = await startBackendFor(driver, what, () => startSwift(target));
  return scopedBinding({
    label: swift.label,
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
