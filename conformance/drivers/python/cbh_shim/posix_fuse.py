"""A posix store under the passthrough FUSE layer (``cbh_posix_fuse``): when the harness sets
``CBH_POSIX_FUSE=SOURCE:MOUNTPOINT:PLAN_FILE`` (a posix store in the drivers image), the shim mounts
SOURCE (the run's work directory) at MOUNTPOINT before serving, and the harness points a driver at
its store through MOUNTPOINT while a ``faults.*`` rule's plan is set (posix-binding.ts). The file
system process lives in this container and ends with it. The driver's code is not touched."""
import os
import subprocess
import sys


def mount_from_env():
    spec = os.environ.get('CBH_POSIX_FUSE')
    if not spec:
        return
    source, mountpoint, plan = spec.split(':', 2)
    with open('/proc/mounts') as f:
        if any(line.split()[1:2] == [mountpoint] for line in f):
            return
    done = subprocess.run([sys.executable, '-m', 'cbh_posix_fuse', source, mountpoint, '--faults', plan],
                          capture_output=True, text=True, timeout=60)
    if done.returncode != 0:
        raise SystemExit('cbh_shim: cannot mount cbh_posix_fuse over %s at %s: %s'
                         % (source, mountpoint, done.stderr.strip()))
