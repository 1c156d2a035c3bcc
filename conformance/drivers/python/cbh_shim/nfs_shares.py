"""One NFS share mounted at a time: each rule points ``backup_share`` at its own share, and
NFSBackupDriver (``_init_backup_repo_path``) mounts it under ``backup_mount_point_base`` and never
unmounts. When the share changes, the shim unmounts the earlier ones, as an operator retiring a
share from a cinder-backup host would; each mount is a FUSE process of the drivers image's
``mount.nfs`` (cbh_nfs_fuse), which exits with its mount. The driver's code is not touched."""
import subprocess

from oslo_config import cfg

_last = [None]


def retire_other_shares():
    conf = cfg.CONF
    if 'backup_share' not in conf or not conf.backup_share or conf.backup_share == _last[0]:
        return
    _last[0] = conf.backup_share
    base = (conf.backup_mount_point_base or '').rstrip('/') + '/'
    with open('/proc/mounts') as f:
        mounts = [line.split()[:3] for line in f if line.strip()]
    for device, mountpoint, fstype in mounts:
        if fstype == 'fuse.nfs' and mountpoint.startswith(base) and device != conf.backup_share:
            # lazy: a file a finished request left open must not keep the retired share busy
            subprocess.run(['umount', '-l', mountpoint], check=False, capture_output=True)
