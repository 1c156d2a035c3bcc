"""What the kernel's do_add_mount refuses for NFS: the same share mounted again on the mount point
that already shows it (EBUSY, which mount.nfs reports as "busy or already mounted", exit 32). Two
green threads of cinder-backup can race to mount one share (os-brick checks /proc/mounts, then
runs mount); the loser fails, and NFSBackupDriver's retry (``backup_mount_attempts``) then finds
the share mounted. The check and the mount run under one lock, as the kernel's are atomic."""
import contextlib
import fcntl
import os

LOCK = '/run/cbh-nfs-fuse.lock'


@contextlib.contextmanager
def mount_lock():
    # fcntl (POSIX) locks are not inherited by fork: the FUSE daemon libfuse forks off does not
    # hold it, and it is released when this process exits once the mount is in place.
    fd = os.open(LOCK, os.O_RDWR | os.O_CREAT, 0o600)
    try:
        fcntl.lockf(fd, fcntl.LOCK_EX)
        yield
    finally:
        os.close(fd)


def already_mounted(share, mountpoint):
    target = os.path.realpath(mountpoint)
    with open('/proc/mounts') as f:
        return any(line.split()[:2] == [share, target] for line in f if line.strip())
