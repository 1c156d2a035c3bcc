import { authorize } from "../api/policy.ts";
import { notFound } from "./faults.ts";
import type { Call, Route } from "./route.ts";

/** `policies/type_extra_specs.py:USER_VISIBLE_EXTRA_SPECS`. */
const USER_VISIBLE_EXTRA_SPECS = ["RESKEY:availability_zones", "multiattach", "replication_enabled"];

type VolumeType = Awaited<ReturnType<Call["cloud"]["ops"]["volumes"]["listTypes"]>>[number];

/** `api/v3/views/types.py:ViewBuilder.show`: admins see every extra spec and `qos_specs_id`. */
function typeView(call: Call, t: VolumeType): Record<string, unknown> {
  const specs = call.ctx.isAdmin
    ? { ...t.extra_specs }
    : Object.fromEntries(Object.entries(t.extra_specs).filter(([k]) => USER_VISIBLE_EXTRA_SPECS.includes(k)));
  const view: Record<string, unknown> = { id: t.id, name: t.name, is_public: t.is_public, description: t.description, extra_specs: specs };
  if (call.ctx.isAdmin) view["qos_specs_id"] = null;
  return view;
}

/**
 * `GET /types/{id}/encryption` (`contrib/volume_type_encryption.py:index`, admin): the type's
 * encryption specs, `{}` for an unencrypted type. An encrypted type of the simulated cloud is
 * LUKS with cinder's default cipher and key size.
 */
async function encryption(c: Call): Promise<{ status: number; body: unknown }> {
  authorize(c.ctx, "volume_extension:volume_type_encryption:get");
  const id = c.params["id"] as string;
  const t = (await c.cloud.ops.volumes.listTypes(c.ctx)).find((x) => x.id === id);
  if (!t) throw notFound(`Volume type with id ${id} could not be found.`);
  const body = t.encrypted
    ? { volume_type_id: t.id, provider: "luks", control_location: "front-end", cipher: "aes-xts-plain64", key_size: 256 }
    : {};
  return { status: 200, body };
}

/** `GET /types`, `GET /types/{id}` (`types/default` is the default type) for the clients. */
export const typeRoutes: Route[] = [
  {
    method: "GET",
    path: "types",
    handler: async (c) => ({
      status: 200,
      body: { volume_types: (await c.cloud.ops.volumes.listTypes(c.ctx)).map((t) => typeView(c, t)) },
    }),
  },
  { method: "GET", path: "types/{id}/encryption", handler: encryption },
  {
    method: "GET",
    path: "types/{id}",
    handler: async (c) => {
      const id = c.params["id"] as string;
      const types = await c.cloud.ops.volumes.listTypes(c.ctx);
      const t = id === "default" ? (types.find((x) => x.name === "__DEFAULT__") ?? types[0]) : types.find((x) => x.id === id);
      if (!t) throw notFound(`Volume type with id ${id} could not be found.`);
      return { status: 200, body: { volume_type: typeView(c, t) } };
    },
  },
];
