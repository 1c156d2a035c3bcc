import { FaultProxy, type StoreDialect } from "../../../lib/backends/fault-proxy/index.ts";
import type { StoreBinding } from "./store-binding.ts";
import type { StoreFaults } from "./store-faults.ts";

export interface ProxiedEndpoints {
  dialect: StoreDialect;
  /** The store's origin (`http://127.0.0.1:7480`). */
  upstream: string;
  /** cinder options holding a URL of the store: pointed at the proxy. */
  urlOptions: readonly string[];
  /** Driver-process environment variables holding a URL of the store (e.g. the GCS discovery URL). */
  urlEnv?: readonly string[];
  /**
   * Options the suite sets to fail fast (e.g. `backup_swift_retry_attempts: 1`): dropped while a
   * fault plan is in use, so the driver retries as cinder's defaults make it.
   */
  fastFailOptions: readonly string[];
}

/** `binding` with every driver request going through a fault proxy; the harness's own store client goes direct. */
export async function faultProxiedBinding<B extends StoreBinding & { env?: Record<string, string> }>(
  binding: B,
  ep: ProxiedEndpoints,
): Promise<B & { faults: StoreFaults }> {
  const proxy = await FaultProxy.start(ep.upstream, ep.dialect);
  const env = binding.env ? { ...binding.env } : undefined;
  for (const k of ep.urlEnv ?? []) if (env?.[k]) env[k] = proxy.rewrite(env[k]);
  return {
    ...binding,
    ...(env ? { env } : {}),
    optionsFor(store) {
      const o = { ...binding.optionsFor(store) };
      for (const k of ep.urlOptions) if (typeof o[k] === "string") o[k] = proxy.rewrite(o[k]);
      if (proxy.plan) for (const k of ep.fastFailOptions) delete o[k];
      return o;
    },
    faults: {
      label: `the fault proxy in front of ${binding.label}`,
      use: (plan) => proxy.use(plan),
      log: () => proxy.log(),
    },
    async close() {
      await proxy.stop();
      await binding.close();
    },
  };
}

/** Where each networked backend's URLs and fail-fast options are (the suite's bindings). */
const PROXIED: Record<"swift" | "s3" | "gcs", Omit<ProxiedEndpoints, "upstream">> = {
  swift: { dialect: "swift", urlOptions: ["backup_swift_auth_url", "backup_swift_url"], fastFailOptions: ["backup_swift_retry_attempts"] },
  s3: { dialect: "s3", urlOptions: ["backup_s3_endpoint_url"], fastFailOptions: ["backup_s3_retry_max_attempts"] },
  gcs: { dialect: "gcs", urlOptions: [], urlEnv: ["CBH_GCS_DISCOVERY_URL"], fastFailOptions: ["backup_gcs_num_retries"] },
};

/** The binding of a networked backend behind a fault proxy; the store's origin is read from the options it gives `probe`. */
export async function withFaultProxy<B extends StoreBinding & { env?: Record<string, string> }>(
  backend: "swift" | "s3" | "gcs",
  binding: B,
  probe: Parameters<B["optionsFor"]>[0],
): Promise<B & { faults: StoreFaults }> {
  const ep = PROXIED[backend];
  const urls = [...ep.urlOptions.map((k) => binding.optionsFor(probe)[k]), ...(ep.urlEnv ?? []).map((k) => binding.env?.[k])];
  const first = urls.find((u): u is string => typeof u === "string" && /^https?:\/\//.test(u));
  if (!first) throw new Error(`no ${backend} store URL among ${[...ep.urlOptions, ...(ep.urlEnv ?? [])].join(", ")}`);
  return faultProxiedBinding(binding, { ...ep, upstream: new URL(first).origin });
}
