/** @jsxRuntime automatic @jsxImportSource hono/jsx */
import type { DistributionBucket } from '../analysis/distribution-report';
import type { FunnelStep } from '../analysis/funnel-report';

// Narrow enough that the labels stay readable when a phone scales the chart down.
const width = 520;
const percent = (r: number | null) => (r === null ? '—' : `${Math.round(r * 1000) / 10}%`);

/** Counts per bucket as bars, drawn on the server: the viewBox scales it to any width. */
export function BarChart(props: { buckets: DistributionBucket[]; label: string }) {
  const height = 240;
  const pad = { top: 20, bottom: 40, left: 8, right: 8 };
  const max = Math.max(1, ...props.buckets.map((b) => b.count));
  const slot = (width - pad.left - pad.right) / Math.max(1, props.buckets.length);
  const plot = height - pad.top - pad.bottom;
  // Every label on 24 or fewer bars; otherwise about 12 of them, so they do not overlap.
  const every = Math.max(1, Math.ceil(props.buckets.length / 12));
  return (
    <svg class="chart" id="distribution-chart" viewBox={`0 0 ${width} ${height}`} role="img" aria-label={props.label}>
      {props.buckets.map((b, i) => {
        const h = (b.count / max) * plot;
        const x = pad.left + i * slot;
        return (
          <g>
            <rect x={x + slot * 0.1} y={pad.top + plot - h} width={slot * 0.8} height={h} fill="#3b82f6">
              <title>{`${b.key}: ${b.count}`}</title>
            </rect>
            {b.count > 0 && props.buckets.length <= 31 && (
              <text x={x + slot / 2} y={pad.top + plot - h - 4} font-size="11" text-anchor="middle" fill="#334155">
                {b.count}
              </text>
            )}
            {i % every === 0 && (
              <text x={x + slot / 2} y={height - pad.bottom + 16} font-size="11" text-anchor="middle" fill="#64748b">
                {String(b.key).length > 5 ? String(b.key).slice(5) : b.key}
              </text>
            )}
          </g>
        );
      })}
      <line x1={pad.left} x2={width - pad.right} y1={pad.top + plot} y2={pad.top + plot} stroke="#cbd5e1" />
    </svg>
  );
}

/** Customers per step as narrowing bars, each with its conversion from the step before. */
export function FunnelChart(props: { steps: (FunnelStep & { name: string })[] }) {
  const rowHeight = 56;
  const height = props.steps.length * rowHeight + 10;
  const max = Math.max(1, props.steps[0]?.customers ?? 0);
  const barArea = width - 220;
  return (
    <svg class="chart" id="funnel-chart" viewBox={`0 0 ${width} ${height}`} role="img" aria-label="Funnel">
      {props.steps.map((s, i) => {
        const w = Math.max(2, (s.customers / max) * barArea);
        const y = 10 + i * rowHeight;
        return (
          <g>
            <text x={8} y={y + 18} font-size="13" fill="#1f2933">
              {`${i + 1}. ${s.name}`}
            </text>
            <rect x={8 + (barArea - w) / 2} y={y + 24} width={w} height={22} rx={3} fill={i === 0 ? '#2563eb' : '#60a5fa'} />
            <text x={barArea + 16} y={y + 40} font-size="13" fill="#1f2933">
              {`${s.customers} customers`}
            </text>
            <text x={barArea + 110} y={y + 40} font-size="12" fill="#64748b">
              {i === 0 ? '' : `${percent(s.conversion)} of previous`}
            </text>
          </g>
        );
      })}
    </svg>
  );
}
