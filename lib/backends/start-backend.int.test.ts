import { execFileSync } from "node:child_process";
import { existsSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { NfsContainer, startBackend, type BackendKind, type StartedNfsContainer, type StartedSwiftKeystoneContainer } from "./index.ts";

const docker = existsSync("/usr/bin/docker") ? "/usr/bin/docker" : "docker";
const containerExists = (id: string) =>
  execFileSync(docker, ["ps", "-aq", "--no-trunc", "--filter", `id=${id}`])
    .toString()
    .trim() !== "";

describe("startBackend: every backend starts on 127.0.0.1, is labelled, and is gone after stop()", () => {
  const probes: Record<BackendKind, (b: never) => Promise<void>> = {
    gcs: async (b: { endpoint: string }) => expect((await fetch(`${b.endpoint}/healthz`)).status).toBe(200),
    swift: async (b: { authUrl: string; user: string; key: string }) =>
      expect((await fetch(b.authUrl, { headers: { "X-Auth-User": b.user, "X-Auth-Key": b.key } })).headers.get("x-storage-url")).toMatch(
        /^http:\/\/127\.0\.0\.1:\d+\/v1\/AUTH_test$/,
      ),
    "swift-keystone": async (b: StartedSwiftKeystoneContainer) => {
      const res = await fetch(`${b.keystoneUrl}/auth/tokens`, {
        method: "POST",
        headers: { "Content-Type": "application/json" },
        body: JSON.stringify({
          auth: {
            identity: {
              methods: ["password"],
              password: { user: { name: b.users.demo.username, domain: { id: "default" }, password: b.users.demo.password } },
            },
            scope: { project: { name: b.users.demo.projectName, domain: { id: "default" } } },
          },
        }),
      });
      expect(res.status).toBe(201);
      const body = (await res.json()) as { token: { catalog: { type: string }[] } };
      expect(body.token.catalog.map((s) => s.type).sort()).toEqual(["identity", "object-store"]);
    },
    ceph: async (b: { rgwUrl: string; monHost: string }) => {
      expect(b.monHost).toMatch(/^\[v2:127\.0\.0\.1:\d+,v1:127\.0\.0\.1:\d+\]$/);
      expect((await fetch(`${b.rgwUrl}/`)).status).toBe(200);
    },
    nfs: async (b: StartedNfsContainer) => {
      const ls = await b.exec(["nfs-ls", b.nfsUrl()]);
      expect(ls.exitCode).toBe(0);
    },
  };

  for (const kind of ["gcs", "swift", "swift-keystone", "ceph", "nfs"] as const) {
    it(kind, async () => {
      const backend = await startBackend(kind);
      try {
        expect(backend.getLabels()).toMatchObject({ "cbh.harness": "true", "cbh.backend": kind });
        await probes[kind](backend as never);
      } finally {
        await backend.stop();
      }
      expect(containerExists(backend.getId())).toBe(false);
    });
  }
});

describe("NFS-Ganesha export through a userspace NFSv3/v4 client (libnfs)", () => {
  let nfs: StartedNfsContainer;
  beforeAll(async () => {
    nfs = await new NfsContainer().start();
  });
  afterAll(async () => {
    await nfs?.stop();
  });

  const run = async (cmd: string[]) => {
    const r = await nfs.exec(cmd);
    if (r.exitCode !== 0) throw new Error(`${cmd.join(" ")}: ${r.output}`);
    return r.stdout;
  };

  it("writes over NFSv3, lands byte-identical in the export, reads back over v3 and v4", async () => {
    await run(["sh", "-c", "head -c 5000000 /dev/urandom > /tmp/chunk"]);
    await run(["nfs-cp", "/tmp/chunk", nfs.nfsUrl("volume_x_20261126_backup_y-00001")]);
    const sums = await run(["sh", "-c", "sha256sum /tmp/chunk /export/volume_x_20261126_backup_y-00001 | cut -d' ' -f1 | sort -u | wc -l"]);
    expect(sums.trim()).toBe("1");
    expect(await run(["nfs-ls", nfs.nfsUrl()])).toContain("volume_x_20261126_backup_y-00001");
    await run(["nfs-cp", nfs.nfsUrl("volume_x_20261126_backup_y-00001"), "/tmp/back3"]);
    await run(["nfs-cp", nfs.nfsUrl("volume_x_20261126_backup_y-00001", 4), "/tmp/back4"]);
    expect((await run(["sh", "-c", "cmp /tmp/chunk /tmp/back3 && cmp /tmp/chunk /tmp/back4 && echo same"])).trim()).toBe("same");
  });

  it("serves files the server side wrote (cinder's posix layout under the export)", async () => {
    await run([
      "sh",
      "-c",
      'mkdir -p /export/3c/1e/3c1e0b2a && printf \'{"version": "1.0.0"}\' > /export/3c/1e/3c1e0b2a/volume_v_20261126063000_backup_3c1e0b2a_metadata',
    ]);
    expect(await run(["nfs-cat", nfs.nfsUrl("3c/1e/3c1e0b2a/volume_v_20261126063000_backup_3c1e0b2a_metadata")])).toBe(
      '{"version": "1.0.0"}',
    );
    const missing = await nfs.exec(["nfs-cat", nfs.nfsUrl("3c/none")]);
    expect(missing.exitCode).not.toBe(0);
  });
});
