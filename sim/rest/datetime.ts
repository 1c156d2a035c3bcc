/**
 * Datetimes as cinder's JSON serializer writes them (`oslo_serialization.jsonutils.to_primitive`
 * with `timeutils.PERFECT_TIME_FORMAT` = `%Y-%m-%dT%H:%M:%S.%f`, naive UTC).
 */
export function formatDatetime(ms: number | null | undefined): string | null {
  if (ms === null || ms === undefined) return null;
  const iso = new Date(ms).toISOString(); // 2026-01-01T00:00:00.123Z
  return `${iso.slice(0, 19)}.${iso.slice(20, 23)}000`;
}
