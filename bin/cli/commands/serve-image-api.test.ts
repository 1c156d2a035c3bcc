import { createHash } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startServe, type StartedServe } from "../../server/index.ts";
import { serveDeps } from "./serve.ts";

const quiet = { ...serveDeps, out: () => undefined, err: () => undefined };
let s: StartedServe;
let demo = "";
let admin = "";
let project = "";

async function token(user: string): Promise<{ token: string; project: string }> {
  const r = await fetch(`${s.server.url}/identity/v3/auth/tokens`, {
    method: "POST",
    headers: { "Content-Type": "application/json" },
    body: JSON.stringify({
      auth: {
        identity: { methods: ["password"], password: { user: { name: user, domain: { name: "Default" }, password: user } } },
        scope: { project: { name: user, domain: { id: "default" } } },
      },
    }),
  });
  const body = (await r.json()) as { token: { project: { id: string } } };
  return { token: r.headers.get("x-subject-token") ?? "", project: body.token.project.id };
}

async function call(method: string, path: string, o: { body?: unknown; token?: string; type?: string; mv?: string } = {}) {
  const headers: Record<string, string> = { "X-Auth-Token": o.token ?? demo };
  let body: string | Uint8Array | undefined;
  if (o.body instanceof Uint8Array) {
    body = o.body;
    headers["Content-Type"] = o.type ?? "application/octet-stream";
  } else if (o.body !== undefined) {
    body = typeof o.body === "string" ? o.body : JSON.stringify(o.body);
    headers["Content-Type"] = "application/json";
  }
  if (o.mv) headers["OpenStack-API-Version"] = `volume ${o.mv}`;
  const r = await fetch(`${s.server.url}${path}`, { method, headers, ...(body !== undefined ? { body } : {}) });
  const bytes = new Uint8Array(await r.arrayBuffer());
  const text = Buffer.from(bytes).toString("utf8");
  return { status: r.status, bytes, json: () => JSON.parse(text) as Record<string, unknown> };
}

const image = (id: string) => `/image/v2/images/${id}`;
const vol = (p: string) => `/volume/v3/${project}${p}`;
const data = Uint8Array.from({ length: 300_000 }, (_, i) => (i * 31 + 7) & 0xff);
const sha = (b: Uint8Array) => createHash("sha256").update(b).digest("hex");

async function newImage(name: string, body: Record<string, unknown> = { disk_format: "raw", container_format: "bare" }) {
  const r = await call("POST", "/image/v2/images", { body: { name, ...body } });
  expect(r.status).toBe(201);
  return r.json()["id"] as string;
}

async function volumeStatus(id: string): Promise<string> {
  return ((await call("GET", vol(`/volumes/${id}`))).json()["volume"] as { status: string }).status;
}

beforeAll(async () => {
  s = await startServe(["--port", "0", "--geometry", "small", "--seed", "5"], quiet);
  const d = await token("demo");
  demo = d.token;
  project = d.project;
  admin = (await token("admin")).token;
});
afterAll(async () => {
  await s?.server.close();
});

describe("cbh serve's Image API v2 subset (glance/api/v2/images.py, image_data.py)", () => {
  it("create → queued, upload → active with size and checksums, download gives the bytes back, delete → 404", async () => {
    const id = await newImage("img-1");
    const shown = (await call("GET", image(id))).json();
    expect(shown).toMatchObject({ id, name: "img-1", status: "queued", size: null, owner: project, disk_format: "raw" });
    expect((await call("GET", `${image(id)}/file`)).status).toBe(204);
    expect((await call("PUT", `${image(id)}/file`, { body: data })).status).toBe(204);
    const active = (await call("GET", image(id))).json();
    expect(active).toMatchObject({ status: "active", size: data.length, checksum: createHash("md5").update(data).digest("hex") });
    expect(active["os_hash_value"]).toBe(createHash("sha512").update(data).digest("hex"));
    const file = await call("GET", `${image(id)}/file`);
    expect(file.status).toBe(200);
    expect(sha(file.bytes)).toBe(sha(data));
    expect((await call("GET", "/image/v2/images")).json()["images"]).toEqual(expect.arrayContaining([expect.objectContaining({ id })]));
    expect((await call("DELETE", image(id))).status).toBe(204);
    const gone = await call("GET", image(id));
    expect(gone.status).toBe(404);
    expect(gone.json()).toEqual({ message: `No image found with ID ${id}`, code: "404 Not Found", title: "Not Found" });
  });

  it("ids come from the seed: a fresh server with the same seed gives the first image the same id", async () => {
    const firstId = async (server: StartedServe) => {
      const prev = s;
      s = server;
      try {
        const t = await token("demo");
        return (await call("POST", "/image/v2/images", { body: { name: "x" }, token: t.token })).json()["id"];
      } finally {
        s = prev;
      }
    };
    const a = await startServe(["--port", "0", "--geometry", "small", "--seed", "9"], quiet);
    const b = await startServe(["--port", "0", "--geometry", "small", "--seed", "9"], quiet);
    const c = await startServe(["--port", "0", "--geometry", "small", "--seed", "10"], quiet);
    try {
      const [x, y, z] = [await firstId(a), await firstId(b), await firstId(c)];
      expect(x).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
      expect(y).toBe(x);
      expect(z).not.toBe(x);
    } finally {
      await Promise.all([a, b, c].map((x) => x.server.close()));
    }
  });

  it("bad input is a 4xx with Glance's text, never a 500", async () => {
    expect((await call("POST", "/image/v2/images", { body: "{not json" })).status).toBe(400);
    expect((await call("POST", "/image/v2/images", { body: { disk_format: "floppy" } })).status).toBe(400);
    expect((await call("POST", "/image/v2/images", { body: { status: "active" } })).json()).toMatchObject({
      message: "Attribute 'status' is read-only.",
      code: "403 Forbidden",
    });
    const bare = await newImage("no-formats", {});
    const noFmt = await call("PUT", `${image(bare)}/file`, { body: data });
    expect(noFmt.status).toBe(400);
    expect(noFmt.json()["message"]).toBe("Properties disk_format, container_format must be set prior to saving data.");
    const id = await newImage("twice");
    expect((await call("PUT", `${image(id)}/file`, { body: data, type: "text/plain" })).status).toBe(415);
    expect((await call("PUT", `${image(id)}/file`, { body: data })).status).toBe(204);
    const again = await call("PUT", `${image(id)}/file`, { body: data });
    expect(again.status).toBe(409);
    expect(again.json()["message"]).toBe("Image status transition from active to saving is not allowed");
    expect((await call("GET", image("nope"))).status).toBe(404);
    expect((await call("PATCH", image(id))).status).toBe(405);
    const anon = await fetch(`${s.server.url}${image(id)}`);
    expect(anon.status).toBe(401);
    expect((await fetch(`${s.server.url}/image/v2`)).status).toBe(200);
  });

  it("another project's private image is not found; an admin sees it", async () => {
    const r = await call("POST", "/image/v2/images", { body: { name: "admins", visibility: "private" }, token: admin });
    const id = r.json()["id"] as string;
    expect((await call("GET", image(id))).status).toBe(404);
    expect((await call("GET", image(id), { token: admin })).status).toBe(200);
  });

  it("volume from image: the bytes land on the device; missing, inactive and too-big images are 400s", async () => {
    const id = await newImage("src");
    await call("PUT", `${image(id)}/file`, { body: data });
    const created = await call("POST", vol("/volumes"), { body: { volume: { size: 1, name: "from-image", imageRef: id } } });
    expect(created.status).toBe(202);
    const v = (created.json()["volume"] as { id: string }).id;
    expect(await volumeStatus(v)).toBe("available");
    expect(sha(s.cloud.devices.read(v, 0, data.length))).toBe(sha(data));
    const missing = await call("POST", vol("/volumes"), {
      body: { volume: { size: 1, imageRef: "0b0e7c6f-0000-4000-8000-000000000000" } },
    });
    expect([missing.status, (missing.json()["badRequest"] as { message: string }).message]).toEqual([
      400,
      "Invalid image identifier or unable to access requested image.",
    ]);
    const queued = await newImage("empty");
    const notActive = await call("POST", vol("/volumes"), { body: { volume: { size: 1, imageRef: queued } } });
    expect((notActive.json()["badRequest"] as { message: string }).message).toBe(`Invalid input received: Image ${queued} is not active.`);
    const byName = await call("POST", vol("/volumes"), { body: { volume: { size: 1, imageRef: "src" } } });
    expect(byName.status).toBe(202);
  });

  it("os-volume_upload_image: uploading → available, the image turns active with the volume's bytes", async () => {
    const created = await call("POST", vol("/volumes"), { body: { volume: { size: 1, name: "to-upload" } } });
    const v = (created.json()["volume"] as { id: string }).id;
    s.cloud.devices.write(v, 1000, data);
    const up = await call("POST", vol(`/volumes/${v}/action`), {
      body: { "os-volume_upload_image": { image_name: "copy", disk_format: "raw", container_format: "bare", force: false } },
      mv: "3.1",
    });
    expect(up.status).toBe(202);
    const answer = up.json()["os-volume_upload_image"] as Record<string, unknown>;
    expect(answer).toMatchObject({
      id: v,
      status: "uploading",
      image_name: "copy",
      disk_format: "raw",
      visibility: "private",
      protected: false,
    });
    expect(await volumeStatus(v)).toBe("available");
    const img = (await call("GET", image(answer["image_id"] as string))).json();
    expect(img["status"]).toBe("active");
    const file = await call("GET", `${image(answer["image_id"] as string)}/file`);
    expect(sha(file.bytes)).toBe(s.cloud.devices.sha256(v).sha256);
    expect(s.cloud.trace.entries().some((e) => e.event.type === "status" && e.event.id === v && e.event.to === "uploading")).toBe(true);
  });

  it("os-volume_upload_image of a volume that is not available → 400, no image left behind", async () => {
    const created = await call("POST", vol("/volumes"), { body: { volume: { size: 1, name: "busy" } } });
    const v = (created.json()["volume"] as { id: string }).id;
    await call("POST", vol(`/volumes/${v}/action`), {
      body: { "os-attach": { instance_uuid: "6f1c7a1e-0000-4000-8000-00000000000a", mountpoint: "/dev/vdb" } },
    });
    const before = ((await call("GET", "/image/v2/images")).json()["images"] as unknown[]).length;
    const r = await call("POST", vol(`/volumes/${v}/action`), { body: { "os-volume_upload_image": { image_name: "x", force: true } } });
    expect([r.status, (r.json()["badRequest"] as { message: string }).message]).toEqual([
      400,
      `Invalid volume: Volume ${v} status must be available`,
    ]);
    expect(((await call("GET", "/image/v2/images")).json()["images"] as unknown[]).length).toBe(before);
    const bad = await call("POST", vol(`/volumes/${v}/action`), { body: { "os-volume_upload_image": { image_name: "" } } });
    expect(bad.status).toBe(400);
  });
});
