"""A passthrough FUSE file system over a local directory, with the seeded ENOSPC/EIO fault plan of
cbh_nfs_fuse (``cbh_nfs_fuse.fault_plan``): what the ``faults.*`` conformance rules put under a posix
driver's ``backup_posix_path`` in the drivers container, as the NFS client does under cinder:nfs.

``python3 -m cbh_posix_fuse SOURCE MOUNTPOINT [--faults PLAN_FILE]`` mounts it (libfuse then
daemonizes the file system process); the shim runs it at start when CBH_POSIX_FUSE is set."""
