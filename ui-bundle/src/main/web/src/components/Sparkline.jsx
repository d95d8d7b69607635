/** A small line chart of recent values, labelled for screen readers with the latest value. */
export default function Sparkline({ values, label, unit, width = 160, height = 36 }) {
  const latest = values.length ? values[values.length - 1] : null;
  const max = Math.max(1, ...values);
  const step = values.length > 1 ? width / (values.length - 1) : width;
  const points = values.map((v, i) => `${(i * step).toFixed(1)},${(height - 2 - (v / max) * (height - 4)).toFixed(1)}`).join(' ');
  const shown = latest === null ? '–' : `${latest < 10 ? latest.toFixed(1) : Math.round(latest).toLocaleString('en-US')} ${unit}`;
  return (
    <figure className="sparkline">
      <figcaption>
        {label}: <strong>{shown}</strong>
      </figcaption>
      <svg width={width} height={height} role="img" aria-label={`${label}, last minute; now ${shown}`}>
        <rect width={width} height={height} className="sparkline-bg" />
        {values.length > 1 && <polyline points={points} fill="none" strokeWidth="1.5" className="sparkline-line" />}
      </svg>
    </figure>
  );
}
