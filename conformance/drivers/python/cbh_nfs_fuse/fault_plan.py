"""Seeded file-system faults under the NFS mount: ENOSPC and EIO on writes, EIO on reads.

The mount option ``cbh_faults=/path/plan.json`` (an option of this client only; the harness adds
it to ``backup_mount_options``; os-brick runs mount through oslo.privsep, whose daemon does not
keep the driver's environment) names a plan file, re-read whenever it changes, so a harness can
switch faults on and off while the share stays mounted:

    {"seed": 7, "rate": 0.3, "faults": ["enospc", "eio"], "ops": ["write"], "after": 3}

Operation ``i`` (counting only the ``ops`` kinds, from the time the plan was loaded) is faulted
when a splitmix32 draw of ``(seed, i)`` is below ``rate`` (never before ``after``); a second draw
picks the fault. The draws are those of the HTTP fault proxy's plans
(lib/backends/fault-proxy/fault-plan.ts, for seeds below 2**21), so a seed replays the same faults
for the same operation sequence. Every decision is appended to ``<plan>.log`` as a JSON line.
"""
import errno
import json
import os

# 'none' holds a place in a plan's list (a fault kind this layer has no counterpart for: the
# proxy's latency); ENOSPC is a write's error, a read drawing it fails with EIO.
ERRNOS = {'enospc': errno.ENOSPC, 'eio': errno.EIO, 'none': 0}
OPS = ('write', 'read')


def splitmix32(key):
    m = 0xffffffff
    z = (key + 0x9e3779b9) & m
    z = ((z ^ (z >> 16)) * 0x85ebca6b) & m
    z = ((z ^ (z >> 13)) * 0xc2b2ae35) & m
    z ^= z >> 16
    return z / 2 ** 32


def fault_for(plan, index):
    """The fault name for operation ``index`` under ``plan``, or None."""
    if index < plan.get('after', 0) or plan.get('rate', 0) <= 0 or not plan.get('faults'):
        return None
    seed = plan['seed'] * 0x9e3779b1
    if splitmix32(seed + index * 2) >= plan['rate']:
        return None
    faults = plan['faults']
    return faults[min(len(faults) - 1, int(splitmix32(seed + index * 2 + 1) * len(faults)))]


class FaultPlan:
    """The plan file's current plan (none while the file is absent or empty)."""

    def __init__(self, path):
        self.path, self.stamp, self.plan, self.count = path, None, None, 0

    def _reload(self):
        try:
            st = os.stat(self.path)
            stamp = (st.st_mtime_ns, st.st_size, st.st_ino)
        except OSError:
            stamp = None
        if stamp == self.stamp:
            return
        self.stamp, self.count = stamp, 0
        try:
            with open(self.path) as f:
                self.plan = json.loads(f.read() or 'null')
        except (OSError, ValueError):
            self.plan = None
        if self.plan is not None and (set(self.plan.get('faults', [])) - set(ERRNOS)
                                      or set(self.plan.get('ops', OPS)) - set(OPS)):
            self.plan = None   # a plan this layer cannot apply is no plan, and says so in the log
            self._log({'error': 'unknown faults or ops in %s' % self.path})

    def check(self, op, path):
        """Raises nothing; returns the errno to fail ``op`` on ``path`` with, or 0."""
        self._reload()
        if not self.plan or op not in self.plan.get('ops', OPS):
            return 0
        index, self.count = self.count, self.count + 1
        fault = fault_for(self.plan, index)
        self._log({'op': op, 'path': path, 'index': index, 'fault': fault})
        if not fault:
            return 0
        return errno.EIO if op == 'read' and fault == 'enospc' else ERRNOS[fault]

    def _log(self, entry):
        try:
            with open(self.path + '.log', 'a') as f:
                f.write(json.dumps(entry) + '\n')
        except OSError:
            pass

