import type { Geometry } from "../../sim/cloud/geometry.ts";
import type { Release, SimulatedCloud, Topology } from "../../sim/cloud/simulated-cloud.ts";
import type { ObjectStore } from "../../lib/stores/index.ts";
import { startCbhServer, type RunningServer } from "./cbh-server.ts";
import { exposureWarning, isLoopback } from "./exposure.ts";
import { loadUsersFile } from "./identity/users-file.ts";
import { parseServeArgs, ServeUsageError, type ServeOptions } from "./serve-options.ts";
import { loadTopologyFile } from "./topology-file.ts";
import { volumeMount, type BlockStorageHandler } from "./volume-mount.ts";
import { imageMount, type ImageStorageHandler } from "./image-mount.ts";

/** What `cbh serve` needs from the simulator (injected, so the wiring is testable). */
export interface ServeDeps {
  buildCloud(opts: {
    seed: number;
    release: Release;
    topology?: Topology;
    geometry: Geometry;
    backupStore?: ObjectStore;
  }): Promise<SimulatedCloud>;
  /** Opens a `--backup-store` URL (the store factory `cbh store` uses). */
  openBackupStore?(url: string): Promise<ObjectStore>;
  restHandler(cloud: SimulatedCloud, opts: { cinderCrashes: "safe" | "faithful" }): BlockStorageHandler;
  /** The Image API subset (sim/rest/images); absent: `/image` answers discovery only. */
  imageHandler?(cloud: SimulatedCloud): ImageStorageHandler;
  out: (text: string) => void;
  err: (text: string) => void;
}

export interface StartedServe {
  options: ServeOptions;
  cloud: SimulatedCloud;
  server: RunningServer;
}

/** Parses argv, builds the cloud and starts the server; prints the banner and the ready line. */
export async function startServe(argv: string[], deps: ServeDeps): Promise<StartedServe> {
  const options = parseServeArgs(argv);
  const topology = options.topologyFile ? loadTopologyFile(options.topologyFile) : undefined;
  const accounts = options.usersFile ? loadUsersFile(options.usersFile) : undefined;
  const backupStore = options.backupStore ? await openBackupStore(deps, options.backupStore) : undefined;
  const cloud = await deps.buildCloud({
    seed: options.seed,
    release: options.release,
    geometry: options.geometry,
    ...(topology ? { topology } : {}),
    ...(backupStore ? { backupStore } : {}),
  });
  const rest = volumeMount(deps.restHandler(cloud, { cinderCrashes: options.cinderCrashes }));
  const volume: typeof rest = options.verbose
    ? async (req) => {
        const r = await rest(req);
        deps.err(`${req.method} /volume${req.path} → ${r.status}\n`);
        return r;
      }
    : rest;
  const server = await startCbhServer({
    cloud,
    volume,
    ...(deps.imageHandler ? { image: imageMount(deps.imageHandler(cloud)) } : {}),
    host: options.host,
    port: options.port,
    tokenTtlSeconds: options.tokenTtlSeconds,
    ...(options.timeScale !== undefined ? { timeScale: options.timeScale } : {}),
    ...(accounts ? { accounts } : {}),
    log: (line) => deps.err(`${line}\n`),
  });
  if (!isLoopback(options.host)) deps.err(exposureWarning(server.listenUrl, options.usersFile));
  deps.out(banner(options, cloud, server));
  return { options, cloud, server };
}

async function openBackupStore(deps: ServeDeps, url: string): Promise<ObjectStore> {
  if (!deps.openBackupStore) throw new ServeUsageError("--backup-store is not supported by this build of cbh serve");
  let store: ObjectStore;
  try {
    store = await deps.openBackupStore(url);
  } catch (e) {
    throw new ServeUsageError(`--backup-store: ${(e as Error).message}`);
  }
  // Touch it before serving: a posix root that cannot be created (`posix:/proc/x`), an unreachable
  // endpoint or refused credentials stop the server now, not as a fail_reason on the first backup.
  try {
    await store.listContainers();
  } catch (e) {
    throw new ServeUsageError(`--backup-store: the store cannot be used: ${(e as Error).message}`);
  }
  return store;
}

export function banner(o: ServeOptions, cloud: SimulatedCloud, s: RunningServer): string {
  const users = s.directory.users.map((u) => {
    const home =
      s.directory.projects.find((p) => p.id === u.defaultProjectId) ??
      s.directory.projects.find((p) => p.name === u.name) ??
      s.directory.projects[0];
    // Passwords from --users FILE are secrets: never printed.
    const password = o.usersFile ? `(from ${o.usersFile})` : (u.password ?? "");
    return `  ${u.name.padEnd(6)} password ${password.padEnd(6)} project ${home?.name.padEnd(6)} (${home?.id})  roles ${(home ? u.roles[home.id] : [])?.join(",")}`;
  });
  return [
    `cbh serve: simulated cinder, release ${cloud.release}, seed ${cloud.seed}`,
    `  auth URL       ${s.authUrl}   (domain Default)`,
    ...users,
    `  Block Storage  ${s.url}/volume/v3/<project_id>`,
    `  Image          ${s.url}/image/v2   (create, upload, download, show, delete)`,
    `  simulator API  ${s.url}/sim/v1   (admin token)`,
    `  volumes        ${o.geometry === "real" ? "1 GB = 1 GiB of sparse device (real geometry)" : "1 GB = 1 MiB of device (small geometry)"}; backups ${o.backupStore ? `in ${o.backupStore.replace(/\/\/[^/@]*@/, "//***@")}` : "in memory"}`,
    `  virtual time   ${o.timeScale !== undefined ? `runs at ${o.timeScale} x wall time` : "settles after each request"}; tokens last ${o.tokenTtlSeconds} s`,
    ...(s.listenUrl !== s.url ? [`  listening on   ${s.listenUrl}; from this machine use ${s.url}`] : []),
    ...(o.usersFile
      ? []
      : [
          `  try: export OS_AUTH_URL=${s.authUrl} OS_USERNAME=demo OS_PASSWORD=demo OS_PROJECT_NAME=demo OS_USER_DOMAIN_NAME=Default OS_PROJECT_DOMAIN_NAME=Default OS_IDENTITY_API_VERSION=3 OS_VOLUME_API_VERSION=3`,
        ]),
    `cbh serve: ready on ${s.listenUrl}`,
    "",
  ].join("\n");
}

/** Runs until SIGINT/SIGTERM, then closes the server; resolves with the exit code. */
export async function runServe(argv: string[], deps: ServeDeps): Promise<number> {
  const { server } = await startServe(argv, deps);
  const signal = await new Promise<NodeJS.Signals>((resolve) => {
    const stop = (sig: NodeJS.Signals): void => {
      process.off("SIGINT", stop);
      process.off("SIGTERM", stop);
      resolve(sig);
    };
    process.on("SIGINT", stop);
    process.on("SIGTERM", stop);
  });
  await server.close();
  deps.out(`cbh serve: stopped (${signal})\n`);
  return 0;
}
