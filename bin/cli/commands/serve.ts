/** `cbh serve`: the simulated cloud over HTTP (Keystone v3, Block Storage v3, /sim/v1). */
import { CloudBuilder } from "../../../sim/cloud/index.ts";
import { createRestHandler } from "../../../sim/rest/index.ts";
import { runServe, SERVE_USAGE, type ServeDeps } from "../../server/index.ts";
import type { Command } from "../registry.ts";
import { registerNetworkStores } from "../../../conformance/stores/network-store-factories.ts";
import { openStore } from "../../../conformance/stores/store-url.ts";

export const serveDeps: ServeDeps = {
  buildCloud: async ({ seed, release, topology, geometry, backupStore }) => {
    const b = new CloudBuilder().withSeed(seed).withRelease(release).withGeometry(geometry);
    if (backupStore) b.withObjectStore(backupStore);
    return (topology ? b.withTopology(topology) : b).build();
  },
  openBackupStore: async (url) => {
    registerNetworkStores();
    return openStore(url);
  },
  restHandler: (cloud, { cinderCrashes }) =>
    createRestHandler(cloud, {
      cinderCrashes,
      onInternalError: (r) => process.stderr.write(`cbh serve: 500 for ${r.request.method} /volume${r.request.path}: ${r.reason}\n`),
    }),
  out: (text) => process.stdout.write(text),
  err: (text) => process.stderr.write(text),
};

export const serve: Command = {
  summary: "serve the simulated cloud to real OpenStack clients (Keystone v3 + Block Storage v3)",
  async run(argv) {
    if (argv.includes("--help") || argv.includes("-h")) {
      process.stdout.write(SERVE_USAGE);
      return 0;
    }
    return runServe(argv, serveDeps);
  },
};
