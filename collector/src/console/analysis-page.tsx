/** @jsxRuntime automatic @jsxImportSource hono/jsx */
import type { DistributionBucket } from '../analysis/distribution-report';
import type { FunnelStep } from '../analysis/funnel-report';
import type { StoredDefinition } from '../store/store';
import { BarChart, FunnelChart } from './charts';
import { Layout } from './console-layout';
import { readableDuration } from './readable-duration';
import type { ConsoleSession } from './console-sessions';

/** The analysis forms as text, so they keep what was typed. Dates are whole days in the operator's zone, `to` included. */
export interface AnalysisInputs {
  event: string;
  by: string;
  timezone: string;
  from: string;
  to: string;
  steps: string[];
  window: string;
}

const EventSelect = (props: { name: string; value: string; events: StoredDefinition[]; label: string; optional?: boolean }) => (
  <select name={props.name} aria-label={props.label}>
    {props.optional && <option value="">—</option>}
    {props.events.map((d) => (
      <option value={d.id} selected={props.value === d.id}>
        {d.name} ({d.id})
      </option>
    ))}
  </select>
);

const Dates = (props: { inputs: AnalysisInputs; zone: string }) => (
  <>
    <label>
      From ({props.zone})
      <input type="date" name="from" value={props.inputs.from} required />
    </label>
    <label>
      To (included)
      <input type="date" name="to" value={props.inputs.to} required />
    </label>
  </>
);

export function AnalysisPage(props: {
  session: ConsoleSession;
  flash: ConsoleSession['flash'];
  events: StoredDefinition[];
  inputs: AnalysisInputs;
  distribution?: { total: number; buckets: DistributionBucket[] };
  funnel?: FunnelStep[];
  errors: { distribution?: string; funnel?: string };
}) {
  const { inputs, events } = props;
  const names = new Map(events.map((d) => [d.id, d.name]));
  const stepSlots = Array.from({ length: Math.max(4, inputs.steps.length) }, (_, i) => inputs.steps[i] ?? '');
  const problem = (report: 'distribution' | 'funnel') =>
    props.errors[report] && (
      <p class="flash error" role="alert">
        {props.errors[report]}
      </p>
    );
  return (
    <Layout session={props.session} section="analysis" title="Analysis" flash={props.flash}>
      <h2>Time distribution</h2>
      <form method="get" action="/console/analysis" class="card form-grid">
        {inputs.steps.map((s) => (
          <input type="hidden" name="step" value={s} />
        ))}
        {inputs.steps.length > 0 && <input type="hidden" name="window" value={inputs.window} />}
        <label>
          Event
          <EventSelect name="event" value={inputs.event} events={events} label="Event" />
        </label>
        <label>
          By
          <select name="by">
            {['hour', 'weekday', 'day'].map((b) => (
              <option value={b} selected={inputs.by === b}>
                {b}
              </option>
            ))}
          </select>
        </label>
        <label>
          Time zone
          <input name="timezone" value={inputs.timezone} />
        </label>
        <Dates inputs={inputs} zone={props.session.timeZone} />
        <label>
          &nbsp;
          <button>Show distribution</button>
        </label>
      </form>
      {problem('distribution')}
      {props.distribution && (
        <>
          <p>
            {props.distribution.total} “{names.get(inputs.event) ?? inputs.event}” events by {inputs.by}
          </p>
          <BarChart buckets={props.distribution.buckets} label={`${inputs.event} by ${inputs.by}`} />
        </>
      )}

      <h2>Funnel</h2>
      <form method="get" action="/console/analysis" class="card form-grid">
        {props.distribution && (
          <>
            <input type="hidden" name="event" value={inputs.event} />
            <input type="hidden" name="by" value={inputs.by} />
            <input type="hidden" name="timezone" value={inputs.timezone} />
          </>
        )}
        {stepSlots.map((s, i) => (
          <label>
            Step {i + 1}
            <EventSelect name="step" value={s} events={events} label={`Step ${i + 1}`} optional />
          </label>
        ))}
        <label>
          Window (e.g. 30m, 24h, 7d)
          <input name="window" value={inputs.window} required pattern="[1-9][0-9]{0,5}[mhd]" />
        </label>
        <Dates inputs={inputs} zone={props.session.timeZone} />
        <label>
          &nbsp;
          <button>Draw funnel</button>
        </label>
      </form>
      {problem('funnel')}
      {props.funnel && (
        <>
          <FunnelChart steps={props.funnel.map((s) => ({ ...s, name: names.get(s.event) ?? s.event }))} />
          <div class="table-wrap" style="margin-top:.6rem">
            <table id="funnel-table">
              <thead>
                <tr>
                  <th>Step</th>
                  <th>Customers</th>
                  <th>From previous</th>
                  <th>From first</th>
                  <th>Median time from previous</th>
                </tr>
              </thead>
              <tbody>
                {props.funnel.map((s) => (
                  <tr>
                    <td>{names.get(s.event) ?? s.event}</td>
                    <td>{s.customers}</td>
                    <td>{s.conversion === null ? '—' : `${Math.round(s.conversion * 1000) / 10}%`}</td>
                    <td>{s.overall === null ? '—' : `${Math.round(s.overall * 1000) / 10}%`}</td>
                    <td>{s.medianMs === null ? '—' : readableDuration(s.medianMs)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </>
      )}
    </Layout>
  );
}
