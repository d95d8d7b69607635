// How values from the API read in the console.

/** A portable type such as decimal(12,2) or string(40). */
export function portableType(type) {
  if (!type || typeof type !== 'object') return String(type ?? '').toLowerCase();
  const args = [type.length ?? type.precision, type.scale].filter((v) => v !== null && v !== undefined);
  return `${String(type.kind).toLowerCase()}${args.length ? `(${args.join(',')})` : ''}`;
}

export function number(value) {
  return value === null || value === undefined ? '–' : Number(value).toLocaleString('en-US');
}

export function duration(millis) {
  if (millis === null || millis === undefined) return '–';
  if (millis < 1000) return `${millis} ms`;
  if (millis < 120000) return `${(millis / 1000).toFixed(1)} s`;
  return `${Math.round(millis / 60000)} min`;
}

export function time(instant) {
  return instant ? new Date(instant).toLocaleTimeString() : '–';
}

export function dateTime(instant) {
  return instant ? new Date(instant).toLocaleString() : '–';
}

/** A connector's kinds in a stable order, such as "source, target". */
export function kinds(connector) {
  return [...connector.kinds].map((k) => k.toLowerCase()).sort().join(', ');
}
