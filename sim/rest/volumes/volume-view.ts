import { allowed } from "../../api/policy.ts";
import type { VolumeRow } from "../../db/rows.ts";
import { formatDatetime } from "../datetime.ts";
import type { Call } from "../route.ts";

const FIXED_KEY_ID = "00000000-0000-0000-0000-000000000000";

export function volumeSummary(call: Call, v: Pick<VolumeRow, "id" | "display_name">): Record<string, unknown> {
  return { id: v.id, name: v.display_name, links: call.links.item("volumes", v.id) };
}

/** Volume type names by id, for the `volume_type` field. */
export async function typeNames(call: Call): Promise<Map<string, string>> {
  const types = await call.cloud.ops.volumes.listTypes(call.ctx);
  return new Map(types.map((t) => [t.id, t.name]));
}

/**
 * `api/v2/views/volumes.py:ViewBuilder.detail` + `api/v3/views/volumes.py` + the contrib
 * attribute extensions (`os-vol-tenant-attr` for owner/admin, `os-vol-host-attr` and
 * `os-vol-mig-status-attr` for admin, `volume_image_metadata` when glance metadata exists).
 */
export function volumeDetail(call: Call, v: VolumeRow, types: Map<string, string>, extended = true): Record<string, unknown> {
  const admin = call.ctx.isAdmin;
  const m = call.minor;
  const typeName = v.volume_type_id ? (types.get(v.volume_type_id) ?? null) : null;
  const statusMap: Record<string, string> = { managing: "creating", error_managing: "error", error_managing_deleting: "deleting" };
  const view: Record<string, unknown> = {
    id: v.id,
    status: statusMap[v.status] ?? v.status,
    size: v.size,
    availability_zone: v.availability_zone,
    created_at: formatDatetime(v.created_at),
    updated_at: formatDatetime(v.updated_at),
    name: v.display_name,
    description: v.display_description,
    volume_type: m >= 63 ? typeName : (typeName ?? v.volume_type_id),
    snapshot_id: v.snapshot_id,
    source_volid: v.source_volid,
    metadata: { ...v.metadata },
    links: call.links.item("volumes", v.id),
    user_id: v.user_id,
    bootable: String(v.bootable),
    encrypted: v.encryption_key_id !== null,
    replication_status: null,
    consistencygroup_id: null,
    multiattach: v.multiattach,
  };
  view["attachments"] = v.attachments
    .filter((a) => a.attach_status === "attached")
    .map((a) => ({
      id: a.volume_id,
      attachment_id: a.id,
      volume_id: a.volume_id,
      server_id: a.instance_uuid,
      host_name: admin ? a.attached_host : null,
      device: a.mountpoint,
      attached_at: formatDatetime(a.created_at),
    }));
  if (admin) view["migration_status"] = v.migration_status ?? null;
  if (m >= 13) view["group_id"] = null;
  if (admin && m >= 21) view["provider_id"] = null;
  if (m >= 48) {
    view["shared_targets"] = false;
    view["service_uuid"] = null;
  }
  if (admin && m >= 61) view["cluster_name"] = null;
  if (m >= 63) view["volume_type_id"] = v.volume_type_id;
  if (m >= 64 && v.encryption_key_id && v.encryption_key_id !== FIXED_KEY_ID) view["encryption_key_id"] = v.encryption_key_id;
  if (m >= 65) view["consumes_quota"] = v.use_quota;
  // The contrib attribute extensions only extend `show` and `detail`, not create/update answers.
  if (!extended) return view;
  // contrib/volume_tenant_attribute.py, volume_host_attribute.py: authorize(..., fatal=False).
  if (allowed(call.ctx, "volume_extension:volume_tenant_attribute")) view["os-vol-tenant-attr:tenant_id"] = v.project_id;
  if (allowed(call.ctx, "volume_extension:volume_host_attribute")) view["os-vol-host-attr:host"] = v.host;
  if (allowed(call.ctx, "volume_extension:volume_mig_status_attribute")) {
    view["os-vol-mig-status-attr:migstat"] = null;
    view["os-vol-mig-status-attr:name_id"] = null;
  }
  if (Object.keys(v.glance_metadata).length > 0) view["volume_image_metadata"] = { ...v.glance_metadata };
  return view;
}
