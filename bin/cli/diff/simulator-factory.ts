import { CloudClient, type CloudConfig } from "../../../lib/openstack/index.ts";
import type { TargetFactory } from "../../../lib/diff/index.ts";
import { createRestHandler } from "../../../sim/rest/index.ts";
import { startServe, type RunningServer } from "../../server/index.ts";
import { serveDeps } from "../commands/serve.ts";
import { SimApiBytes } from "./sim-api-bytes.ts";

/** `cbh serve`'s built-in users (bin/server/identity): demo (member), admin. */
export function serveUser(name: string, authUrl: string, user: "demo" | "admin"): CloudConfig {
  return {
    name,
    authUrl,
    username: user,
    password: user,
    projectName: user,
    userDomainName: "Default",
    projectDomainName: "Default",
    interface: "public",
  };
}

/**
 * The simulator side of `cbh diff`: a fresh `cbh serve` cloud per sequence, in this process, on
 * a free loopback port, seeded with the sequence's seed. Small geometry (1 MiB of device per GB:
 * the compared answers do not depend on it, see docs/diff.md) and `--cinder-crashes faithful`
 * (cinder 21.3.1's own 500s, as the real cloud answers them).
 */
export function simulatorFactory(release: string, name = "simulator"): TargetFactory {
  return {
    async open(seed) {
      const server = await startQuietServe(seed, release);
      try {
        const member = await new CloudClient(serveUser(name, server.authUrl, "demo"), { retries: 0 }).connect();
        const adminConfig = serveUser(name, server.authUrl, "admin");
        const admin = await new CloudClient(adminConfig, { retries: 0 }).connect();
        return {
          target: { name, member, admin, bytes: new SimApiBytes(server.url, adminConfig), pollMs: 5, settleTimeoutMs: 2000 },
          close: () => server.close(),
        };
      } catch (e) {
        await server.close();
        throw e;
      }
    },
  };
}

/** A `cbh serve` in this process on a free loopback port, printing nothing (cinder's 500s are
 *  answered faithfully and compared, not logged). Also a second cloud for the tests. */
export async function startQuietServe(seed: number, release: string): Promise<RunningServer> {
  const quiet = { ...serveDeps, restHandler: serveDepsQuietRest, out: () => undefined, err: () => undefined };
  const argv = ["--port", "0", "--seed", String(seed), "--release", release, "--geometry", "small", "--cinder-crashes", "faithful"];
  return (await startServe(argv, quiet)).server;
}

const serveDepsQuietRest: typeof serveDeps.restHandler = (cloud, { cinderCrashes }) => createRestHandler(cloud, { cinderCrashes });
