/** @jsxRuntime automatic @jsxImportSource hono/jsx */
import type { DistributionBucket } from '../analysis/distribution-report';
import type { FunnelStep } from '../analysis/funnel-report';
import type { StoredDefinition } from '../store/store';
import { BarChart, FunnelChart } from './charts';
import { Flash, Layout } from './console-layout';
import { conditionText, funnelOps, type FunnelStepInput } from './funnel-step-inputs';
import { readableDuration } from './readable-duration';
import type { ConsoleSession } from './console-sessions';
import { GridButton } from './grid-button';

/** The analysis forms as text, so they keep what was typed. Dates are whole days in the operator's zone, `to` included. */
export interface AnalysisInputs {
  event: string;
  by: string;
  timezone: string;
  from: string;
  to: string;
  steps: FunnelStepInput[];
  window: string;
}

const blankStep: FunnelStepInput = { event: '', property: '', op: '=', value: '' };

/** Every property a condition may name: the presets and each event's own, offered as the condition's suggestions. */
const PropertyList = (props: { events: StoredDefinition[] }) => (
  <datalist id="step-properties">
    {[...new Set(['channel', 'url', 'title', 'utm_source', 'utm_campaign', ...props.events.flatMap((d) => d.properties.map((p) => p.id))])].map((id) => (
      <option value={id} />
    ))}
  </datalist>
);

// The step's fields share its box: without these an input keeps its default width and spills into the next step.
const fill = 'width:100%;min-width:0;box-sizing:border-box';

/** One funnel step: its event, and optionally one condition on that event's properties. */
const StepRow = (props: { step: FunnelStepInput; index: number; events: StoredDefinition[] }) => {
  const { step, index } = props;
  const n = index + 1;
  return (
    <fieldset class="funnel-step" style="border:1px solid #e2e8f0;border-radius:6px;padding:.4rem .6rem;margin:0;min-width:0;display:grid;gap:.3rem">
      <legend>Step {n}</legend>
      <EventSelect name="step" value={step.event} events={props.events} label={`Step ${n}`} optional style={fill} />
      <span style="display:grid;grid-template-columns:minmax(0,1.3fr) 4.2rem minmax(0,1fr);gap:.3rem">
        <input name="step_property" value={step.property} list="step-properties" aria-label={`Step ${n} condition property`} placeholder="property" style={fill} />
        <select name="step_op" aria-label={`Step ${n} condition operator`} style={fill}>
          {funnelOps.map((op) => (
            <option value={op} selected={step.op === op}>
              {op}
            </option>
          ))}
        </select>
        <input name="step_value" value={step.value} aria-label={`Step ${n} condition value`} placeholder="value" style={fill} />
      </span>
    </fieldset>
  );
};

const EventSelect = (props: { name: string; value: string; events: StoredDefinition[]; label: string; optional?: boolean; style?: string }) => (
  <select name={props.name} aria-label={props.label} style={props.style}>
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
  const stepSlots = Array.from({ length: Math.max(4, inputs.steps.length) }, (_, i) => inputs.steps[i] ?? blankStep);
  const stepName = (s: FunnelStep) => `${names.get(s.event) ?? s.event}${s.where.length > 0 ? ` (${conditionText(s.where)})` : ''}`;
  const problem = (report: 'distribution' | 'funnel') => props.errors[report] && <Flash kind="error" text={props.errors[report]} />;
  return (
    <Layout session={props.session} section="analysis" title="Analysis" flash={props.flash}>
      <h2>Time distribution</h2>
      <form method="get" action="/console/analysis" class="card form-grid">
        {inputs.steps.map((s) => (
          <>
            <input type="hidden" name="step" value={s.event} />
            <input type="hidden" name="step_property" value={s.property} />
            <input type="hidden" name="step_op" value={s.op} />
            <input type="hidden" name="step_value" value={s.value} />
          </>
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
        <GridButton>Show distribution</GridButton>
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
          <StepRow step={s} index={i} events={events} />
        ))}
        <PropertyList events={events} />
        <label>
          Window (e.g. 30m, 24h, 7d)
          <input name="window" value={inputs.window} required pattern="[1-9][0-9]{0,5}[mhd]" />
        </label>
        <Dates inputs={inputs} zone={props.session.timeZone} />
        <GridButton>Draw funnel</GridButton>
      </form>
      {problem('funnel')}
      {props.funnel && (
        <>
          <FunnelChart steps={props.funnel.map((s) => ({ ...s, name: stepName(s) }))} />
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
                    <td>{stepName(s)}</td>
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
