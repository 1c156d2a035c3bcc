import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { CloudBuilder } from "../cloud/index.ts";
import { createRestHandler, type CinderInternalErrorReport } from "./handler.ts";
import type { Route } from "./route.ts";
import { ROUTES } from "./routes.ts";
import type { RestAuth, RestRequest } from "./types.ts";

/**
 * Random valid and invalid requests at the handler over a real simulated cloud: nothing answers
 * 5xx except cinder's 503 for create/import without a backup service. Where cinder 21.3.1 itself
 * crashes with a 500 on bad input, the default handler answers 400 (`cinderCrashes: "safe"`).
 * Quota usage stays equal to the live records afterwards.
 */
describe("REST fuzz: malformed input never produces a 5xx", () => {
  it.each([
    ["zed", 800],
    ["master", 300],
  ] as const)("random requests (%s)", { timeout: 120_000 }, async (release, numRuns) => {
    const cloud = await new CloudBuilder().withSeed(11).withRelease(release).build();
    const reports: CinderInternalErrorReport[] = [];
    const handler = createRestHandler(cloud, { onInternalError: (r) => reports.push(r) });
    const demo: RestAuth = { userId: cloud.users.demo.userId, projectId: cloud.users.demo.projectId, roles: [...cloud.users.demo.roles] };
    const admin: RestAuth = {
      userId: cloud.users.admin.userId,
      projectId: cloud.users.admin.projectId,
      roles: [...cloud.users.admin.roles],
    };
    const ctx = cloud.context("demo");
    const vol = await cloud.ops.volumes.create(ctx, { size: 1, name: "fuzz" });
    await cloud.settle();
    const bak = await cloud.ops.backups.create(ctx, { volume_id: vol.id });
    await cloud.settle();
    const ids = [vol.id, bak.id, "00000000-0000-4000-8000-000000000000", "not-a-uuid", "", "%zz", "..", "a".repeat(300)];

    const junk = fc.oneof(
      fc.string(),
      fc.string({ unit: "grapheme", maxLength: 50 }),
      fc.constantFrom("x".repeat(70000), "\u0000", "{}", "null", "[]", '""', '{"a":', "NaN"),
      fc.integer({ min: 1, max: 3000 }).map((n) => `{"backup": ${"[".repeat(n)}${"]".repeat(n)}}`),
    );
    const value: fc.Arbitrary<unknown> = fc.oneof(
      fc.jsonValue({ maxDepth: 2 }),
      fc.constantFrom(...ids),
      fc.constantFrom("true", "0", "ERROR", "available", "error", "bogus", "rw", "-1", "5", "fake"),
      junk,
    );
    const shaped = (key: string, fields: string[]): fc.Arbitrary<unknown> =>
      fc.oneof(
        fc.dictionary(fc.constantFrom(...fields, "color", "type"), value, { maxKeys: 5 }).map((inner) => ({ [key]: inner })),
        fc.constantFrom({ [key]: null }, { [key]: [] }, { [key]: "x" }),
        fc.record(
          { [key]: fc.dictionary(fc.constantFrom(...fields, "name"), value, { maxKeys: 4 }), extra: value },
          { requiredKeys: [key] },
        ),
      );
    const SHAPES: Record<string, string[]> = {
      backup: ["volume_id", "container", "name", "description", "incremental", "force", "snapshot_id", "metadata", "availability_zone"],
      volume: [
        "size",
        "name",
        "description",
        "volume_type",
        "metadata",
        "snapshot_id",
        "source_volid",
        "backup_id",
        "multiattach",
        "availability_zone",
      ],
      snapshot: ["volume_id", "name", "force", "metadata"],
      restore: ["volume_id", "name"],
      "backup-record": ["backup_service", "backup_url"],
      "os-reset_status": ["status", "attach_status", "migration_status"],
      "os-attach": ["mountpoint", "instance_uuid", "host_name", "mode"],
      "os-detach": ["attachment_id"],
      "os-force_delete": [],
      "os-complete": [],
      attachment: ["volume_uuid", "instance_uuid", "connector", "mode"],
      quota_set: ["backups", "backup_gigabytes", "volumes", "bogus"],
      metadata: ["a", "b c", "bad!", ""],
      meta: ["a", "b"],
    };
    /** Bodies cinder accepts, so the fuzz also drives the cloud through real state changes. */
    const volumeIds = (): string[] =>
      cloud.db
        .volumes()
        .filter((v) => !v.deleted)
        .map((v) => v.id);
    const backupIds = (): string[] =>
      cloud.db
        .backups()
        .filter((b) => !b.deleted)
        .map((b) => b.id);
    const VALID: Record<string, fc.Arbitrary<unknown>> = {
      backup: fc.record(
        {
          volume_id: fc.constantFrom(vol.id),
          name: fc.string({ maxLength: 20 }),
          incremental: fc.boolean(),
          force: fc.constantFrom("true", "false", true),
        },
        { requiredKeys: ["volume_id"] },
      ),
      volume: fc.record({ size: fc.integer({ min: 1, max: 3 }), name: fc.string({ maxLength: 20 }) }, { requiredKeys: ["size"] }),
      snapshot: fc.record(
        { volume_id: fc.constantFrom(vol.id), name: fc.string({ maxLength: 20 }), force: fc.constant(true) },
        { requiredKeys: ["volume_id"] },
      ),
      restore: fc.record({ name: fc.string({ maxLength: 20 }) }, { requiredKeys: [] }),
      "os-reset_status": fc.record({ status: fc.constantFrom("available", "error", "ERROR") }),
      "os-force_delete": fc.constant({}),
      "os-detach": fc.constant(null),
      quota_set: fc.record({ backups: fc.integer({ min: -1, max: 20 }) }),
    };
    const anyShape = fc.constantFrom(...Object.keys(SHAPES)).chain((k) => shaped(k, SHAPES[k] ?? []));
    /** The body keys a route expects (`{collection}` → key, actions → their names). */
    const keysFor = (route: Route): string[] => {
      if (route.actions) return Object.keys(route.actions);
      const head = route.path.split("/")[0] ?? "";
      if (route.path.endsWith("/restore")) return ["restore"];
      if (route.path.endsWith("/import_record")) return ["backup-record"];
      if (route.path.includes("/metadata")) return ["metadata", "meta"];
      return (
        (
          {
            backups: ["backup"],
            volumes: ["volume"],
            snapshots: ["snapshot"],
            attachments: ["attachment"],
            "os-quota-sets": ["quota_set"],
          } as Record<string, string[]>
        )[head] ?? []
      );
    };
    const bodyFor = (route: Route): fc.Arbitrary<string | undefined> => {
      const keys = keysFor(route);
      const fitting =
        keys.length > 0
          ? fc
              .constantFrom(...keys)
              .chain((k) =>
                fc.oneof(
                  shaped(k, SHAPES[k] ?? []),
                  (VALID[k] ?? shaped(k, SHAPES[k] ?? [])).map((v) => ({ [k]: v })),
                ),
              )
              .map((v) => JSON.stringify(v))
          : fc.constant(undefined);
      return fc.oneof(
        { arbitrary: fitting, weight: 6 },
        { arbitrary: fc.constant(undefined), weight: 1 },
        { arbitrary: junk, weight: 1 },
        { arbitrary: anyShape.map((v) => JSON.stringify(v)), weight: 1 },
      );
    };
    const chaoticBody = fc.oneof(
      fc.constant(undefined),
      junk,
      fc.jsonValue({ maxDepth: 3 }).map((v) => JSON.stringify(v)),
      anyShape.map((v) => JSON.stringify(v)),
    );
    const collection = fc.constantFrom(
      "backups",
      "volumes",
      "snapshots",
      "attachments",
      "os-quota-sets",
      "os-services",
      "limits",
      "os-availability-zone",
      "types",
      "nothing",
      "",
    );
    const suffix = fc.constantFrom("", "/detail", "/action", "/restore", "/export_record", "/import_record", "/defaults", "/x/y");
    const chaoticPath = fc.oneof(
      fc
        .tuple(
          fc.constantFrom(demo.projectId, admin.projectId, "0123abcd", "", "admin"),
          collection,
          fc.option(fc.constantFrom(...ids, demo.projectId), { nil: undefined }),
          suffix,
        )
        .map(([p, c, id, s]) => `/v3/${p ? p + "/" : ""}${c}${id !== undefined ? "/" + encodeURIComponent(id) : ""}${s}`),
      fc.constantFrom("/", "/v3", "/v3/", "/v2/", "//", "/v3//backups"),
      fc.string().map((s) => `/v3/${s}`),
    );
    const version = fc.oneof(
      { arbitrary: fc.constant(undefined), weight: 3 },
      { arbitrary: fc.integer({ min: 0, max: 80 }).map((n) => `volume 3.${n}`), weight: 1 },
      { arbitrary: fc.integer({ min: 27, max: 70 }).map((n) => `volume 3.${n}`), weight: 4 },
      {
        arbitrary: fc.constantFrom(
          "volume latest",
          "volume 4.0",
          "volume 3.01",
          "volume",
          "compute 2.1",
          "volume 3.0 extra",
          "compute 2.1, volume 3.50",
          "",
        ),
        weight: 1,
      },
      { arbitrary: fc.string(), weight: 1 },
    );
    const query = fc.dictionary(
      fc.constantFrom(
        "limit",
        "marker",
        "offset",
        "sort",
        "sort_key",
        "sort_dir",
        "with_count",
        "all_tenants",
        "name",
        "status",
        "host",
        "usage",
        "force",
        "cascade",
        "ñ",
      ),
      fc.oneof(fc.string(), fc.constantFrom("1", "-1", "true", "x", "name:asc", "created_at:up", bak.id)),
      { maxKeys: 4 },
    );
    const auth = fc.constantFrom<RestAuth | null>(demo, demo, demo, admin, admin, null);
    /** Mostly well-routed requests (a route of the table, the caller's project, a fitting body). */
    const routed = fc
      .tuple(
        fc.constantFrom(...ROUTES),
        auth,
        fc.constantFrom(...ids, ...ids.slice(0, 2), demo.projectId, admin.projectId, "live-volume", "live-backup"),
        fc.boolean(),
      )
      .chain(([route, a, pick, projectless]) => {
        const live = pick === "live-volume" ? volumeIds() : pick === "live-backup" ? backupIds() : [];
        const id = live.length > 0 ? (live[live.length - 1] as string) : pick;
        return fc.record({
          method: fc.constant<string>(route.method),
          path: fc.constant(
            `/v3/${projectless ? "" : `${a?.projectId ?? demo.projectId}/`}${route.path.replace(/\{[a-z_]+\}/g, encodeURIComponent(id))}`,
          ),
          body:
            route.method === "GET" || route.method === "DELETE"
              ? fc.oneof({ arbitrary: fc.constant(undefined), weight: 8 }, { arbitrary: chaoticBody, weight: 1 })
              : bodyFor(route),
          auth: fc.constant(a),
        });
      });
    /** Valid operations on live resources, so the cloud goes through real state changes. */
    const latest = (ids: string[], fallback: string): string => ids[ids.length - 1] ?? fallback;
    const valid = fc
      .tuple(
        fc.constantFrom(
          "create-volume",
          "create-backup",
          "incremental",
          "restore",
          "delete-backup",
          "force-delete",
          "reset-backup",
          "delete-volume",
          "quota",
          "snapshot",
        ),
        fc.constantFrom(demo, admin),
        fc.nat(3),
      )
      .map(([op, a, n]) => {
        const p = `/v3/${a.projectId}`;
        const v = latest(volumeIds(), vol.id);
        const b = latest(backupIds(), bak.id);
        switch (op) {
          case "create-volume":
            return { method: "POST", path: `${p}/volumes`, body: JSON.stringify({ volume: { size: n + 1 } }), auth: a };
          case "create-backup":
            return { method: "POST", path: `${p}/backups`, body: JSON.stringify({ backup: { volume_id: v, force: true } }), auth: a };
          case "incremental":
            return { method: "POST", path: `${p}/backups`, body: JSON.stringify({ backup: { volume_id: v, incremental: true } }), auth: a };
          case "restore":
            return {
              method: "POST",
              path: `${p}/backups/${b}/restore`,
              body: JSON.stringify({ restore: n > 1 ? { volume_id: v } : { name: "r" } }),
              auth: a,
            };
          case "delete-backup":
            return { method: "DELETE", path: `${p}/backups/${b}`, body: undefined, auth: a };
          case "force-delete":
            return { method: "POST", path: `${p}/backups/${b}/action`, body: JSON.stringify({ "os-force_delete": {} }), auth: a };
          case "reset-backup":
            return {
              method: "POST",
              path: `${p}/backups/${b}/action`,
              body: JSON.stringify({ "os-reset_status": { status: n > 1 ? "error" : "available" } }),
              auth: a,
            };
          case "delete-volume":
            return { method: "DELETE", path: `${p}/volumes/${v}`, body: undefined, auth: a };
          case "quota":
            return {
              method: "PUT",
              path: `${p}/os-quota-sets/${demo.projectId}`,
              body: JSON.stringify({ quota_set: { backups: n * 3 - 1 } }),
              auth: a,
            };
          default:
            return { method: "POST", path: `${p}/snapshots`, body: JSON.stringify({ snapshot: { volume_id: v, force: true } }), auth: a };
        }
      });
    const chaotic = fc.record({
      method: fc.constantFrom("GET", "POST", "PUT", "DELETE", "PATCH", "HEAD", "get"),
      path: chaoticPath,
      body: chaoticBody,
      auth,
    });
    const request = fc
      .tuple(
        fc.oneof({ arbitrary: routed, weight: 4 }, { arbitrary: valid, weight: 3 }, { arbitrary: chaotic, weight: 1 }),
        version,
        query,
        fc.constantFrom<string | undefined>(
          "application/json",
          "application/json",
          "application/json",
          "application/json",
          "application/json",
          "application/vnd.openstack.volume+json; charset=utf-8",
          "text/plain",
          undefined,
        ),
      )
      .map(([r, v, q, ct]) => ({ ...r, version: v, query: q, contentType: ct }));

    let runs = 0;
    await fc.assert(
      fc.asyncProperty(request, async (r) => {
        const headers: Record<string, string> = {};
        if (r.version !== undefined) headers["OpenStack-API-Version"] = r.version;
        if (r.contentType !== undefined) headers["Content-Type"] = r.contentType;
        const req: RestRequest = {
          method: r.method,
          path: r.path,
          query: r.query,
          headers,
          body: r.body,
          auth: r.auth,
          baseUrl: "http://127.0.0.1:8776/volume",
        };
        reports.length = 0;
        const res = await handler.handle(req);
        if (res.status >= 500) {
          const documented503 = res.status === 503 && /\/backups(\/import_record)?$/.test(r.path) && r.method === "POST";
          expect(
            documented503,
            `${r.method} ${r.path} ${r.version ?? ""} ${String(r.body).slice(0, 200)} → ${res.status} ${JSON.stringify(res.body)} ${reports.map((x) => x.reason).join(";")}`,
          ).toBe(true);
        }
        expect(res.headers["x-openstack-request-id"]).toMatch(/^req-/);
        if (++runs % 10 === 0) {
          await cloud.settle();
          const drift = cloud.inspect.invariants({ quiescent: false }).filter((v) => v.code !== "stuck-transitional");
          expect(drift).toEqual([]);
        }
      }),
      { numRuns, seed: 20261126 },
    );
    await cloud.settle();
    expect(cloud.inspect.invariants({ quiescent: false }).filter((v) => v.code !== "stuck-transitional")).toEqual([]);
  });
});
