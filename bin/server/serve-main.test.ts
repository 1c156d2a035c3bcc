import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import type { SimulatedCloud, Topology } from "../../sim/cloud/simulated-cloud.ts";
import { startServe, type ServeDeps } from "./serve-main.ts";
import { fakeCloud } from "./testing/fake-cloud.ts";

function deps(seen: { topology?: Topology; crashes?: string; out: string[]; err: string[] }): ServeDeps {
  return {
    buildCloud: async (o) => {
      seen.topology = o.topology;
      return Object.assign(fakeCloud(), { seed: o.seed, release: o.release }) as unknown as SimulatedCloud;
    },
    restHandler: (_cloud, o) => ({
      crashes: (seen.crashes = o.cinderCrashes),
      handle: async (req) => ({ status: 200, headers: {}, body: { path: req.path, base: req.baseUrl, body: req.body ?? null } }),
    }),
    out: (t) => seen.out.push(t),
    err: (t) => seen.err.push(t),
  };
}

describe("cbh serve wiring", () => {
  it("prints the auth URL, the seeded users and the ready line, and serves the REST handler at /volume", async () => {
    const seen: { crashes?: string; out: string[]; err: string[] } = { out: [], err: [] };
    const { server } = await startServe(["--port", "0", "--seed", "9", "--verbose", "--cinder-crashes", "faithful"], deps(seen));
    try {
      const text = seen.out.join("");
      expect(text).toContain(`auth URL       ${server.url}/identity/v3`);
      expect(text).toMatch(/admin +password admin +project admin .*roles admin,member,reader/);
      expect(text).toMatch(/demo +password demo +project demo .*roles member,reader/);
      expect(text).toContain("release zed, seed 9");
      expect(text.trimEnd().split("\n").at(-1)).toBe(`cbh serve: ready on ${server.url}`);
      const r = await fetch(`${server.url}/volume/`);
      expect(await r.json()).toEqual({ path: "/", base: `${server.url}/volume`, body: null });
      expect(seen.err.join("")).toContain("GET /volume/ → 200");
      expect(seen.crashes).toBe("faithful");
    } finally {
      await server.close();
    }
  });

  it("passes a --topology file to the cloud and refuses a malformed one with its line", async () => {
    const dir = mkdtempSync(join(tmpdir(), "cbh-serve-"));
    writeFileSync(join(dir, "ok.yaml"), "zones:\n  - name: az9\n    volumeBackends: []\n    backupHosts: [{host: b9}]\n");
    writeFileSync(join(dir, "bad.yaml"), "zones:\n  - name: az9\n    volumeBackends: 3\n    backupHosts: []\n");
    const seen: { topology?: Topology; out: string[]; err: string[] } = { out: [], err: [] };
    const { server } = await startServe(["--port", "0", "--topology", join(dir, "ok.yaml")], deps(seen));
    await server.close();
    expect(seen.topology).toEqual({ zones: [{ name: "az9", volumeBackends: [], backupHosts: [{ host: "b9" }] }] });
    await expect(startServe(["--port", "0", "--topology", join(dir, "bad.yaml")], deps(seen))).rejects.toThrow(
      `${join(dir, "bad.yaml")}:3:21: zones.0.volumeBackends must be a list`,
    );
  });

  it("binds loopback without a warning; any other address warns naming the fixed credentials, and the banner shows the bound address", async () => {
    const quiet: { out: string[]; err: string[] } = { out: [], err: [] };
    const local = await startServe(["--port", "0"], deps(quiet));
    await local.server.close();
    expect(quiet.err.join("")).not.toContain("WARNING");
    expect(local.server.listenUrl).toBe(local.server.url);

    const seen: { out: string[]; err: string[] } = { out: [], err: [] };
    const { server } = await startServe(["--port", "0", "--host", "0.0.0.0"], deps(seen));
    try {
      expect(server.listenUrl).toBe(`http://0.0.0.0:${server.port}`);
      expect(seen.err.join("")).toBe(
        `cbh serve: WARNING: listening on http://0.0.0.0:${server.port}, reachable from other machines, over plain HTTP, with the FIXED credentials admin/admin (admin role) and demo/demo that anyone can guess; pass --users FILE to replace them\n`,
      );
      const text = seen.out.join("");
      expect(text.trimEnd().split("\n").at(-1)).toBe(`cbh serve: ready on http://0.0.0.0:${server.port}`);
      expect(text).not.toContain(`ready on http://127.0.0.1`);
    } finally {
      await server.close();
    }
  });

  it("--users FILE replaces admin/admin and demo/demo, never prints the passwords, and refuses a bad file by line without echoing it", async () => {
    const dir = mkdtempSync(join(tmpdir(), "cbh-users-"));
    const file = join(dir, "users");
    writeFileSync(file, "# accounts\nroot Sup3rS3cret admin admin\nalice W0nderland demo member\n");
    const seen: { out: string[]; err: string[] } = { out: [], err: [] };
    const { server } = await startServe(["--port", "0", "--host", "0.0.0.0", "--users", file], deps(seen));
    try {
      expect(seen.err.join("")).toContain(`with the accounts of ${file}`);
      const text = seen.out.join("") + seen.err.join("");
      expect(text).toMatch(/root +password \(from .*\) project admin .*roles admin,member,reader/);
      expect(text).not.toMatch(/Sup3rS3cret|W0nderland/);
      const auth = (user: string, password: string, project: string) =>
        fetch(`${server.url}/identity/v3/auth/tokens`, {
          method: "POST",
          body: JSON.stringify({
            auth: {
              identity: { methods: ["password"], password: { user: { name: user, domain: { id: "default" }, password } } },
              scope: { project: { name: project, domain: { id: "default" } } },
            },
          }),
        });
      expect((await auth("admin", "admin", "admin")).status).toBe(401);
      expect((await auth("demo", "demo", "demo")).status).toBe(401);
      expect((await auth("root", "Sup3rS3cret", "admin")).status).toBe(201);
      const alice = await auth("alice", "W0nderland", "demo");
      expect(alice.status).toBe(201);
      expect(((await alice.json()) as { token: { roles: Array<{ name: string }> } }).token.roles.map((r) => r.name)).toEqual([
        "member",
        "reader",
      ]);
    } finally {
      await server.close();
    }
    writeFileSync(file, "root Sup3rS3cret admin admin\nalice W0nderland demo superuser\n");
    const bad = startServe(["--port", "0", "--users", file], deps({ out: [], err: [] }));
    await expect(bad).rejects.toThrow(`${file}:2: the role must be admin, member or reader`);
    await expect(bad).rejects.not.toThrow(/W0nderland|superuser/);
  });
});
