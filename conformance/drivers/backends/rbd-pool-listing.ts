import { runCeph, type CephCli } from "../../../lib/stores/index.ts";

/** One RBD image of a pool: its snapshots in creation order (snapshot id). */
export interface RbdImageListing {
  image: string;
  snapshots: string[];
}

export interface RbdPoolListing {
  images: RbdImageListing[];
  /** Plain RADOS objects of the pool's default namespace that are not RBD's own (`rbd_*`): `backup.<id>.meta`. */
  objects: string[];
}

// One librados client for the whole listing (python3-rados/-rbd, CEPH_CONF from the CLI):
// `rbd ls` + `rbd snap ls` per image + `rados ls` would be a process each.
const SCRIPT = `
import json, sys, rados, rbd
with rados.Rados(conffile='') as c, c.open_ioctx(sys.argv[1]) as io:
    images = []
    for name in sorted(rbd.RBD().list(io)):
        with rbd.Image(io, name, read_only=True) as im:
            snaps = sorted(im.list_snaps(), key=lambda s: s['id'])
        images.append({'image': name, 'snapshots': [s['name'] for s in snaps]})
    objects = sorted(o.key for o in io.list_objects() if not o.key.startswith('rbd_'))
    print(json.dumps({'images': images, 'objects': objects}))
`;

/** Images, their snapshots and the other RADOS objects of a pool's default namespace. */
export async function listRbdPool(cli: CephCli, pool: string): Promise<RbdPoolListing> {
  const out = await runCeph(cli, ["python3", "-c", SCRIPT, pool]);
  return JSON.parse(out.toString()) as RbdPoolListing;
}
