"""The protocol's methods, each served as backup/manager.py drives a driver: a new
RequestContext and ``Cls(ctx)`` per request (``Cls(context=ctx)`` for the set-up check),
volume files opened by path and wrapped in ``tpool.Proxy``."""
import argparse
import datetime
import os
import time
import traceback

from eventlet import tpool

from oslo_utils import timeutils, units

from cinder import context as cinder_context
from cinder.backup import driver as backup_driver

from cbh_shim import PROTOCOL_VERSION, backups, config, driver_class, nfs_shares, posix_fuse, rbd_volume, standin_db, wire

USER_ID, PROJECT_ID = 'cbh-user', 'cbh-project'


def _restore_takes_volume_is_new():
    """Epoxy's BackupManager._run_restore calls ``restore(backup, volume_id, volume_file,
    volume_is_new)`` (2024.1+: the API says whether it created the target volume); Zed's calls
    ``restore(backup, volume_id, volume_file)``. The release's abstract BackupDriver.restore
    says which manager this is."""
    import inspect
    return 'volume_is_new' in inspect.signature(backup_driver.BackupDriver.restore).parameters


RESTORE_TAKES_VOLUME_IS_NEW = _restore_takes_volume_is_new()


def _restore(driver, backup, volume_id, device, params):
    if RESTORE_TAKES_VOLUME_IS_NEW:
        return driver.restore(backup, volume_id, device, bool(params.get('volume_is_new')))
    return driver.restore(backup, volume_id, device)


class Methods:
    def __init__(self, cls, class_path):
        self.cls, self.class_path = cls, class_path

    def _ctx(self, params):
        ctx = cinder_context.get_admin_context()
        # SwiftBackupDriver.__init__ only connects (initialize()) when the context has a user.
        ctx.user_id, ctx.project_id = USER_ID, PROJECT_ID
        ctx.cbh_token = params.get('context')
        size = (params.get('volume') or {}).get('size_bytes') or 1
        ctx.cbh_volume_gb = max(1, -(-size // units.Gi))
        config.apply(params.get('options') or {}, params.get('defaults') or {})
        nfs_shares.retire_other_shares()
        if params.get('now') is not None:  # the harness's clock: the <ts> in object names
            timeutils.set_time_override(datetime.datetime.fromtimestamp(
                params['now'] / 1000.0, tz=datetime.timezone.utc).replace(tzinfo=None))
        return ctx

    def describe(self, params):
        ctx = self._ctx(params)
        desc = driver_class.describe(self.cls, self.class_path, self.cls(context=ctx),
                                     params.get('defaults') or {}, params.get('volume_backing') or 'file')
        return dict(desc, protocol=PROTOCOL_VERSION)

    def check_for_setup_error(self, params):
        # manager.py:_setup_backup_driver: Cls(context=ctxt).check_for_setup_error()
        self.cls(context=self._ctx(params)).check_for_setup_error()
        return {}

    def backup(self, params):
        ctx = self._ctx(params)
        backup = backups.to_object(ctx, params['backup'])
        driver = self.cls(ctx)
        vol = params['volume']
        timing = _Timing()
        if vol.get('rbd'):   # an RBD volume: the backup device is the image (manager.py _run_backup)
            with rbd_volume.attached(vol['rbd'], vol['id'], vol['path'], vol['size_bytes']) as image:
                updates = timing.run(lambda: driver.backup(backup, tpool.Proxy(image)))
        else:
            with open(vol['path'], 'rb') as f:
                updates = timing.run(lambda: driver.backup(backup, tpool.Proxy(f)))
        return {'updates': backups.jsonable(dict(updates)) if updates else None, 'timing': timing.result()}

    def restore(self, params):
        ctx = self._ctx(params)
        backup = backups.to_object(ctx, params['backup'])
        driver = self.cls(ctx)
        vol = params['volume']
        if vol.get('rbd'):
            # The target is the volume's image; its bytes come back to the file after the
            # driver closed its handle (a close flushes librbd), read from the cluster: durable.
            with rbd_volume.attached(vol['rbd'], params['volume_id'], vol['path'], vol['size_bytes'],
                                     restore=True) as image:
                timing = _Timing()
                try:
                    timing.run(lambda: _restore(driver, backup, params['volume_id'], tpool.Proxy(image), params))
                finally:
                    standin_db.flush_volume_writes(ctx)
            return {'flushed': True, 'timing': timing.result()}
        # manager.py:_run_restore opens the attached device 'wb' (no truncation on a block
        # device); the shared file stands for the device, so 'r+b'.
        with open(params['volume']['path'], 'r+b') as f:
            device = _FlushWatch(f)
            ctx.cbh_written = device.pop_written
            timing = _Timing()
            try:
                timing.run(lambda: _restore(driver, backup, params['volume_id'], tpool.Proxy(device), params))
            finally:
                standin_db.flush_volume_writes(ctx)
        return {'flushed': device.flushed, 'timing': timing.result()}

    def delete_backup(self, params):
        ctx = self._ctx(params)
        self.cls(ctx).delete_backup(backups.to_object(ctx, params['backup']))
        return {}

    def export_record(self, params):
        ctx = self._ctx(params)
        return {'driver_info': self.cls(ctx).export_record(backups.to_object(ctx, params['backup']))}

    def import_record(self, params):
        ctx = self._ctx(params)
        self.cls(ctx).import_record(backups.to_object(ctx, params['backup']),
                                    params.get('driver_info') or {})
        return {}


class _Timing:
    """Wall and CPU seconds of the driver call alone (what fixtures/cinder-driver's CBH_TIMING
    reports for the standalone tool), for the harness's split of a call (`npm run bench:drivers`).
    CPU is the whole process's (tpool threads included), as the standalone tool counts it."""

    def __init__(self):
        self.wall = self.cpu = None

    def run(self, call):
        t0, c0 = time.perf_counter(), time.process_time()
        try:
            return call()
        finally:
            self.wall, self.cpu = time.perf_counter() - t0, time.process_time() - c0

    def result(self):
        return {'driver_seconds': self.wall, 'driver_cpu_seconds': self.cpu}


class UnknownMethod(Exception):
    pass


class _FlushWatch:
    """The restore target file; notes whether the driver made it durable (flush + fsync) and
    which ranges it wrote through ``write`` (reported at each refresh; the harness still compares
    the whole file when the restore returns)."""

    def __init__(self, f):
        self._f, self.flushed = f, False
        self._written = []

    def write(self, data):
        at = self._f.tell()
        n = self._f.write(data)
        if self._written and self._written[-1][0] + self._written[-1][1] == at:
            self._written[-1][1] += len(data)
        else:
            self._written.append([at, len(data)])
        return n

    def pop_written(self):
        out, self._written = self._written, []
        return out

    def fileno(self):
        self.flushed = True        # chunkeddriver: volume_file.flush(); os.fsync(fileno())
        return self._f.fileno()

    def flush(self):
        self._f.flush()

    def __getattr__(self, name):
        return getattr(self._f, name)


def _handle(channel, methods, msg):
    rid, name = msg.get('id'), msg.get('method')
    fn = getattr(methods, name, None) if not str(name).startswith('_') else None
    try:
        if fn is None:
            raise UnknownMethod('unknown method %r' % name)
        result = fn(msg.get('params') or {})
        reply = {'jsonrpc': '2.0', 'id': rid, 'result': result}
    except UnknownMethod as e:
        reply = {'jsonrpc': '2.0', 'id': rid, 'error': {'code': -32601, 'message': str(e)}}
    except BaseException as e:  # noqa: B902 - a driver exception is that call's answer
        reply = {'jsonrpc': '2.0', 'id': rid, 'error': {
            'code': wire.DRIVER_ERROR, 'message': str(e) or type(e).__name__,
            'data': {'exception': type(e).__name__, 'traceback': traceback.format_exc()[-4000:]}}}
    if rid is not None:
        channel.send(reply)


def _redirect_gcs_discovery(url):
    """Zed's GoogleBackupDriver has no endpoint option: it builds its client from Google's
    discovery document. Against an emulator, only that document's URL is replaced."""
    if not url:
        return
    import functools
    from googleapiclient import discovery
    discovery.build = functools.partial(discovery.build, discoveryServiceUrl=url)


def main(argv, out_fd):
    p = argparse.ArgumentParser(prog='cbh_shim')
    p.add_argument('class_path')
    p.add_argument('--config', help='cinder.conf-style file ([DEFAULT] options)')
    args = p.parse_args(argv)
    posix_fuse.mount_from_env()   # before the channel: a failed mount is a driver that cannot start
    channel = wire.Channel(out_fd, os.environ.get('CBH_PROTOCOL_SOCKET'))
    config.start(args.config)
    standin_db.CHANNEL = channel
    standin_db.install()
    cls = driver_class.load(args.class_path)   # an import failure exits with its traceback
    _redirect_gcs_discovery(os.environ.get('CBH_GCS_DISCOVERY_URL'))
    methods = Methods(cls, args.class_path)
    channel.serve(lambda msg: _handle(channel, methods, msg))
    os._exit(0)
