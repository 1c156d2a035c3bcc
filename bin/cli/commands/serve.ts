/** `cbh serve`: the simulated cloud over HTTP (Keystone v3, Block Storage v3, Image v2 subset, /sim/v1). */
import { CloudBuilder } from "../../../sim/cloud/index.ts";
import { createImageHandler, createRestHandler } from "../../../sim/rest/index.ts";
import { runServe, SERVE_USAGE, type ServeDeps } from "../../server/index.ts";
import type { Command } from "../registry.ts";
import { openStore } from "../../../lib/stores/index.ts";

export const serveDeps: ServeDeps = {
  buildCloud: async ({ seed, release, topology, geometry, backupStore }) => {
    const b = new CloudBuilder().withSeed(seed).withRelease(release).withGeometry(geometry);
    if (backupStore) b.withObjectStore(backupStore);
    return (topology ? b.withTopology(topology) : b).build();
  },
  openBackupStore: (url) => openStore(url),
  restHandler: (cloud, { cinderCrashes }) =>
    createRestHandler(cloud, {
      cinderCrashes,
      // the status actually sent: a cinder crash answered safely is logged as the 400 it was
      onInternalError: (r) =>
        process.stderr.write(
          `cbh serve: ${r.status} for ${r.request.method} /volume${r.request.path}: ${r.status === 400 ? "cinder 21.3.1 would answer 500: " : ""}${r.reason}\n`,
        ),
    }),
  imageHandler: (cloud) => createImageHandler(cloud),
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
