"""cbh_nfs_fuse: a userspace NFSv3 client mounted through FUSE, installed as /sbin/mount.nfs in the
drivers image, so cinder's NFSBackupDriver mounts ``backup_share`` through os-brick's
``RemoteFsClient('nfs', ...)`` unchanged (``mount -t nfs -o OPTIONS SHARE MOUNTPOINT``) on a kernel
without an NFS client.

libnfs 4.0 (Debian 12's libnfs13) speaks the protocol; python3-fusepy (libfuse 2) serves the
mount. One libnfs context, so the FUSE loop is single-threaded. NFSv3 only: libnfs 4.0's NFSv4
WRITE of 4 KiB or more fails client-side.
"""
