"""Stand-in for cinder's database layer, answering from the harness. Installed once; every
function finds its harness call through the RequestContext (``ctx.cbh_token``) the driver
was constructed with. Only cinder.db functions and the Backup object's loaders are replaced
(``Backup.get_by_id``, ``Backup.refresh`` under ``as_read_deleted``, as the real ones read
the backups table); the driver's own methods run unchanged."""
import json

from cinder import db as cinder_db
from cinder import exception
from cinder import objects
from cinder.backup import driver as backup_driver

from cbh_shim import backups

CHANNEL = None          # wire.Channel, set by server.main
_writes = {}            # (token, volume_id) -> what a restore wrote through BackupMetadataAPI.put


class VolumeRow(dict):
    """A volume row as oslo.db's ModelBase: ``row['x']``, attributes, and iteration over
    ``(column, value)`` pairs (BackupMetadataAPI._save_vol_base_meta iterates it)."""

    def __iter__(self):
        return iter(list(self.items()))

    def __getattr__(self, key):
        try:
            return self[key]
        except KeyError:
            raise AttributeError(key) from None

    @property
    def name(self):
        return 'volume-%s' % self['id']  # CONF.volume_name_template


class GlanceRow:
    def __init__(self, key, value):
        self.key, self.value = key, value


def _call(ctx, method, **params):
    return CHANNEL.call(method, dict(params, context=getattr(ctx, 'cbh_token', None)))


def _blob(ctx, volume_id):
    text = _call(ctx, 'volume_meta.get', volume_id=volume_id).get('json')
    return json.loads(text) if text else {}


def _pairs(value):
    """``{k: v}``, or ``[{key, value}, ...]`` as the harness may write it, to a dict."""
    if isinstance(value, list):
        return {e['key']: e['value'] for e in value}
    return dict(value or {})


def volume_get(ctx, volume_id, *args, **kwargs):
    base = _blob(ctx, volume_id).get('volume-base-metadata') or {}
    # The harness's volumes are bytes long, cinder's GB: the driver reads to EOF anyway
    # (chunkeddriver.backup) and uses the size only for progress and validation.
    row = VolumeRow(id=volume_id, size=getattr(ctx, 'cbh_volume_gb', 1), display_name=None,
                    display_description=None, encryption_key_id=None)
    row.update(base)
    row['id'] = volume_id
    return row


def volume_metadata_get(ctx, volume_id):
    return _pairs(_blob(ctx, volume_id).get('volume-metadata'))


def volume_glance_metadata_get(ctx, volume_id):
    meta = _pairs(_blob(ctx, volume_id).get('volume-glance-metadata'))
    if not meta:
        raise exception.GlanceMetadataNotFound(id=volume_id)
    return [GlanceRow(k, v) for k, v in meta.items()]


def _written(ctx, volume_id):
    return _writes.setdefault((getattr(ctx, 'cbh_token', None), volume_id),
                              {'version': 2})


def volume_update(ctx, volume_id, values):
    base = _written(ctx, volume_id).setdefault('volume-base-metadata', {'id': volume_id})
    base.update(backups.jsonable(values))


def volume_metadata_update(ctx, volume_id, metadata, delete, *args, **kwargs):
    _written(ctx, volume_id)['volume-metadata'] = dict(metadata)
    return metadata


def volume_glance_metadata_create(ctx, volume_id, key, value):
    _written(ctx, volume_id).setdefault('volume-glance-metadata', {})[key] = value


def flush_volume_writes(ctx):
    """After a restore: what BackupMetadataAPI.put wrote to the target volume, as one blob."""
    token = getattr(ctx, 'cbh_token', None)
    for (t, volume_id) in [k for k in _writes if k[0] == token]:
        blob = _writes.pop((t, volume_id))
        _call(ctx, 'volume_meta.put', volume_id=volume_id, json=json.dumps(blob))


def backup_update(ctx, backup_id, values):
    _call(ctx, 'backup.save', id=backup_id, values=backups.jsonable(values))
    return values


def _get_by_id(cls, ctx, backup_id, *args, **kwargs):
    row = _call(ctx, 'backup.get_by_id', id=backup_id).get('backup')
    if row is None:
        raise exception.BackupNotFound(backup_id=backup_id)
    return backups.to_object(ctx, row)


def _refresh(self):
    # objects/base.py:CinderPersistentObject.refresh: reload the row, copy it into self.
    # During a restore the harness also learns which ranges of the volume file the driver wrote
    # since the last refresh (protocol v1, optional `written`), to show them on its device.
    written = getattr(self._context, 'cbh_written', None)
    extra = {'written': written()} if written else {}
    row = _call(self._context, 'backup.refresh', id=self.id, **extra).get('backup')
    if row is None:
        raise exception.BackupNotFound(backup_id=self.id)
    current = backups.to_object(self._context, row)
    data = vars(self)
    data.clear()
    data.update(vars(current))


def _metadata_get(self, volume_id):
    # backup/driver.py:BackupMetadataAPI.get: the volume's metadata blob, as the harness holds it
    # (its DriverContext seam is this API, getVolumeMeta/putVolumeMeta).
    return _call(self.context, 'volume_meta.get', volume_id=volume_id).get('json')


def _metadata_put(self, volume_id, json_metadata):
    # backup/driver.py:BackupMetadataAPI.put: hands the blob the driver restored to the harness.
    if json_metadata:
        _call(self.context, 'volume_meta.put', volume_id=volume_id, json=json_metadata)


def install():
    ignore = lambda *args, **kwargs: None  # noqa: E731
    for name, fn in {
        'dispose_engine': lambda: None,
        'volume_get': volume_get,
        'volume_metadata_get': volume_metadata_get,
        'volume_glance_metadata_get': volume_glance_metadata_get,
        'volume_update': volume_update,
        'volume_metadata_update': volume_metadata_update,
        'volume_glance_metadata_delete_by_volume': ignore,
        'volume_glance_metadata_create': volume_glance_metadata_create,
        'backup_update': backup_update,
        'backup_metadata_update': lambda ctx, backup_id, metadata, delete: metadata,
    }.items():
        setattr(cinder_db, name, fn)
    objects.Backup.get_by_id = classmethod(_get_by_id)
    backup_driver.BackupMetadataAPI.get = _metadata_get
    backup_driver.BackupMetadataAPI.put = _metadata_put
    objects.Backup.refresh = _refresh
