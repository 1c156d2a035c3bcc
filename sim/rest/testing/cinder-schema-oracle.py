"""Oracle for sim/rest's schema validation: validates each case with cinder 21.3.1's own schema
modules (cinder/api/schemas/*.py, parameter_types.py) and jsonschema 4.10 (Debian 12), formatting
the error as cinder/api/validation/validators.py:_SchemaValidator does, and reports every case
whose message differs from the TypeScript one. Usage: cinder-schema-oracle.py CASES.jsonl DIST_PACKAGES
(the format checkers that raise are restated here; everything else is cinder's and jsonschema's)."""
import sys, types, json, re, base64, binascii, importlib.util
DIST = sys.argv[2]
sys.path.insert(0, DIST)
import jsonschema
from jsonschema import exceptions as jexc
root = DIST + '/cinder/api'
for n in ['cinder', 'cinder.common', 'cinder.api', 'cinder.api.validation', 'cinder.api.schemas']:
    sys.modules[n] = types.ModuleType(n)
c = types.ModuleType('cinder.common.constants'); c.DB_MAX_INT = 0x7FFFFFFF; c.LOG_BINARIES = ('cinder-api','cinder-volume','cinder-scheduler','cinder-backup')
sys.modules['cinder.common.constants'] = c; sys.modules['cinder.common'].constants = c
def load(name, path):
    spec = importlib.util.spec_from_file_location(name, path); m = importlib.util.module_from_spec(spec); sys.modules[name] = m; spec.loader.exec_module(m); return m
pt = load('cinder.api.validation.parameter_types', root + '/validation/parameter_types.py'); sys.modules['cinder.api.validation'].parameter_types = pt
S = {n: load('cinder.api.schemas.' + n, f'{root}/schemas/{n}.py') for n in ['backups', 'volumes', 'snapshots', 'attachments', 'admin_actions', 'volume_actions', 'volume_metadata']}
SCHEMAS = {
  'backup.create': S['backups'].create, 'backup.createV343': S['backups'].create_backup_v343, 'backup.createV351': S['backups'].create_backup_v351,
  'backup.update': S['backups'].update, 'backup.updateV343': S['backups'].update_backup_v343, 'backup.restore': S['backups'].restore,
  'backup.importRecord': S['backups'].import_record, 'backup.resetStatus': S['admin_actions'].reset_status_backup,
  'volume.create': S['volumes'].create, 'volume.createV313': S['volumes'].create_volume_v313, 'volume.createV347': S['volumes'].create_volume_v347,
  'volume.createV353': S['volumes'].create_volume_v353, 'volume.update': S['volumes'].update, 'volume.updateV353': S['volumes'].update_volume_v353,
  'volume.resetStatus': S['admin_actions'].reset, 'volume.attach': S['volume_actions'].attach, 'volume.detach': S['volume_actions'].detach,
  'volume.extend': S['volume_actions'].extend, 'volume.retype': S['volume_actions'].retype,
  'snapshot.create': S['snapshots'].create, 'snapshot.resetStatus': S['admin_actions'].reset_status_snapshot,
  'attachment.create': S['attachments'].create, 'attachment.createV354': S['attachments'].create_v354,
  'volumeMetadata.create': S['volume_metadata'].create, 'volumeMetadata.update': S['volume_metadata'].update,
}
class Raise(Exception):
    def __init__(self, msg): self.msg = msg
def is_uuid_like(v):
    try:
        import uuid
        h = v.replace('urn:', '').replace('uuid:', '').strip('{}').replace('-', '').lower()
        return str(uuid.UUID(v)).replace('-', '') == h
    except (TypeError, ValueError, AttributeError):
        return False
def b64(v):
    if isinstance(v, str): v = v.encode('utf-8')
    try:
        v = v.decode('ascii')
    except UnicodeDecodeError:
        raise Raise('Error decoding your request. Either the URL or the request body contained characters that could not be decoded by Cinder.')
    try:
        base64.b64decode(v)
    except binascii.Error:
        # oslo_serialization.base64.decode_as_bytes turns binascii.Error into TypeError, which
        # validators._validate_base64_format catches: not a 'base64' (400), as the Zed API answers.
        return False
    return True
def status(label, valid, allow_empty):
    def f(v):
        if (allow_empty and not v) or (isinstance(v, str) and v.lower() in valid): return True
        raise Raise('%s: %s is invalid, valid statuses are: %s.' % (label, v, valid))
    return f
VOLS = ['creating', 'available', 'deleting', 'error', 'error_deleting', 'error_managing', 'managing', 'attaching', 'in-use', 'detaching', 'maintenance', 'restoring-backup', 'error_restoring', 'reserved', 'awaiting-transfer', 'backing-up', 'error_backing-up', 'error_extending', 'downloading', 'uploading', 'retyping', 'extending']
SNAPS = ['error', 'available', 'creating', 'deleting', 'deleted', 'updating', 'error_deleting', 'unmanaging', 'backing-up', 'restoring']
def strlen(name):
    def f(v):
        if not v: return True
        v = v.strip(); n = len(v)
        if n > 255: raise Raise('Invalid input received: %s has %d characters, more than 255.' % (name, n))
        return True
    return f
def reset_body(v):
    if not v.get('status') and not v.get('attach_status') and not v.get('migration_status'):
        raise Raise("Must specify 'status', 'attach_status' or 'migration_status' for update.")
    return True
FORMATS = {'uuid': is_uuid_like, 'base64': b64, 'backup_status': status('Backup status', ['available', 'error'], False),
  'snapshot_status': status('Snapshot status', SNAPS, False), 'volume_status': status('Volume status', VOLS, True),
  'volume_attach_status': status('Volume attach status', ['attached', 'detached'], True),
  'volume_migration_status': status('Volume migration status', ['migrating', 'error', 'success', 'completing', 'none', 'starting'], True),
  'validate_volume_reset_body': reset_body, 'name_non_mandatory_remove_white_spaces': strlen('name'), 'description_non_mandatory_remove_white_spaces': strlen('description')}
class FC(jsonschema.FormatChecker):
    def check(self, value, format):
        f = FORMATS.get(format)
        if f is None: return
        if not f(value): raise jexc.FormatError("%r is not a %r" % (value, format))
def num(v):
    try: return int(v)
    except (ValueError, TypeError):
        try: return float(v)
        except (ValueError, TypeError): return None
V4 = jsonschema.Draft4Validator
def vmin(validator, m, v, schema):
    v = num(v)
    if v is None: return
    return V4.VALIDATORS['minimum'](validator, m, v, schema)
def vmax(validator, m, v, schema):
    v = num(v)
    if v is None: return
    return V4.VALIDATORS['maximum'](validator, m, v, schema)
Cls = jsonschema.validators.extend(V4, {'minimum': vmin, 'maximum': vmax})
def cinder_message(schema, body):
    try:
        Cls(schema, format_checker=FC()).validate(body)
    except jsonschema.ValidationError as ex:
        if len(ex.path) > 0:
            return "Invalid input for field/attribute %s. Value: %s. %s" % (ex.path.pop(), ex.instance, ex.message)
        return ex.message
    except Raise as r:
        return r.msg
    except (AttributeError, RecursionError):
        return '500'
    return None
bad = 0; total = 0
for line in open(sys.argv[1]):
    case = json.loads(line)
    total += 1
    try:
        body = json.loads(case['body'])
    except ValueError:
        continue
    theirs = cinder_message(SCHEMAS[case['schema']], body)
    if theirs != case['mine']:
        bad += 1
        if bad <= 15: print('DIFF', case['schema'], case['body'][:200], '| cinder:', repr(theirs)[:300], '| mine:', repr(case['mine'])[:300], file=sys.stderr)
print(json.dumps({'cases': total, 'differences': bad}))
