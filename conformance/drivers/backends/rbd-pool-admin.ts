import { runCeph, type CephCli } from "../../../lib/stores/index.ts";

// Through one librados client (python3-rados/-rbd, CEPH_CONF from the CLI): the `ceph` CLI
// takes 1.5 s a command on a loaded 2-core machine, this about 0.3 s for all of them.
const SCRIPT = `
import json, sys, rados, rbd
op, pool, ns = sys.argv[1], sys.argv[2], sys.argv[3]
def mon(c, **cmd):
    ret, _, err = c.mon_command(json.dumps(cmd), b'')
    if ret:
        sys.exit('%s: %s (%d)' % (cmd['prefix'], err, ret))
with rados.Rados(conffile='') as c:
    if op == 'create':
        mon(c, prefix='osd pool create', pool=pool, pg_num=1, pgp_num=1, pool_type='replicated')
        mon(c, prefix='osd pool application enable', pool=pool, app='rbd')
        with c.open_ioctx(pool) as io:
            rbd.RBD().namespace_create(io, ns)
    else:
        mon(c, prefix='osd pool rm', pool=pool, pool2=pool, yes_i_really_really_mean_it=True)
`;

/** A pool with one placement group (a pool per rule stays far below mon_max_pg_per_osd) and an RBD namespace `ns`. */
export async function createRbdPool(cli: CephCli, pool: string, ns: string): Promise<void> {
  await runCeph(cli, ["python3", "-c", SCRIPT, "create", pool, ns]);
}

/** `ceph osd pool rm` (the test cluster sets mon_allow_pool_delete): images, snapshots and objects go with it. */
export async function removeRbdPool(cli: CephCli, pool: string): Promise<void> {
  await runCeph(cli, ["python3", "-c", SCRIPT, "rm", pool, ""]);
}
