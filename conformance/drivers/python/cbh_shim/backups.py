"""Backup rows as they travel (the harness's ``BackupRow``, timestamps in ms since the epoch)
to ``cinder.objects.Backup`` and back."""
import datetime

from cinder import objects

_TIMES = ('created_at', 'updated_at', 'deleted_at', 'data_timestamp')


def _to_dt(ms):
    if ms is None:
        return None
    return datetime.datetime.fromtimestamp(ms / 1000.0, tz=datetime.timezone.utc)


def _to_ms(value):
    if isinstance(value, datetime.datetime):
        if value.tzinfo is None:
            value = value.replace(tzinfo=datetime.timezone.utc)
        return int(value.timestamp() * 1000)
    return value


def to_object(ctx, row):
    backup = objects.Backup(context=ctx)
    for name in backup.fields:
        if name == 'parent' or name not in row:
            continue
        value = row[name]
        if name in _TIMES:
            value = _to_dt(value)
        setattr(backup, name, value)
    backup.obj_reset_changes()
    return backup


def jsonable(values):
    """``backup.save()`` changes as JSON (datetimes to ms, nested objects dropped)."""
    out = {}
    for key, value in values.items():
        value = _to_ms(value)
        if isinstance(value, (str, int, float, bool, type(None), dict, list)):
            out[key] = value
    return out
