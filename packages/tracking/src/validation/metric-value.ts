/** A metric value as JSON can carry it: finite numbers as numbers, the rest as MLflow's strings. */
export type EncodedMetricValue = number | 'NaN' | 'Infinity' | '-Infinity';

/** `JSON.stringify(NaN)` is `null`, which MLflow rejects; protobuf JSON accepts these strings for doubles. */
export function encodeMetricValue(value: number): EncodedMetricValue {
  if (Number.isFinite(value)) return value;
  if (Number.isNaN(value)) return 'NaN';
  return value > 0 ? 'Infinity' : '-Infinity';
}

/** Reads a value written by `encodeMetricValue` (or sent by an MLflow server). */
export function decodeMetricValue(value: unknown): number {
  if (typeof value === 'number') return value;
  if (value === 'NaN' || value === 'nan') return Number.NaN;
  if (value === 'Infinity' || value === 'inf') return Number.POSITIVE_INFINITY;
  if (value === '-Infinity' || value === '-inf') return Number.NEGATIVE_INFINITY;
  if (typeof value === 'string' && value.trim() !== '' && !Number.isNaN(Number(value))) return Number(value);
  return Number.NaN;
}

/**
 * Reads a metric value from an MLflow server. Its SQL store saves ±Infinity as ±max double
 * (`sanitize_metric_value`), so those read back as ±Infinity.
 */
export function decodeServerMetricValue(value: unknown): number {
  const decoded = decodeMetricValue(value);
  if (decoded === Number.MAX_VALUE) return Number.POSITIVE_INFINITY;
  if (decoded === -Number.MAX_VALUE) return Number.NEGATIVE_INFINITY;
  return decoded;
}
