/** @jsxRuntime automatic @jsxImportSource hono/jsx */
import { Hono } from 'hono';
import type { z } from 'zod';
import { distributionBody, distributionOf, funnelBody, funnelOf } from '../analysis/analysis-reports';
import { HttpError } from '../errors/http-error';
import type { Services } from '../services';
import { AnalysisPage, type AnalysisInputs } from './analysis-page';
import type { ConsoleEnv } from './console-env';
import { takeFlash } from './console-flash';
import { todayIn, zonedInstant } from './console-time-zone';
import { issuesText } from './event-form';
import { funnelStepBody, readFunnelSteps } from './funnel-step-inputs';

const dayMs = 86_400_000;

/** The API's step paths as the form numbers its rows: "steps.1.where.0.property" is "Step 2 condition, property". */
const stepsAsShown = (message: string) =>
  message.replace(/\bsteps\.(\d+)(\.where\.\d+(?:\.(\w+))?)?/g, (_, k: string, where?: string, field?: string) => `Step ${Number(k) + 1}${where ? ` condition${field ? `, ${field}` : ''}` : ''}`);

/** /console/analysis: a time distribution and a funnel, each drawn once its form was sent, through the API's own reports. */
export function analysisSection(services: Services) {
  const app = new Hono<ConsoleEnv>();
  const { store } = services;
  app.get('/', async (c) => {
    const events = await store.definitions.list();
    const zone = c.var.session.timeZone;
    const today = todayIn(zone);
    const q = (name: string, fallback: string) => c.req.query(name)?.trim() || fallback;
    const inputs: AnalysisInputs = {
      event: q('event', events.find((d) => !d.system)?.id ?? events[0]?.id ?? ''),
      by: q('by', 'day'),
      timezone: q('timezone', zone),
      from: q('from', new Date(Date.parse(`${today}T00:00:00Z`) - 6 * dayMs).toISOString().slice(0, 10)),
      to: q('to', today),
      steps: readFunnelSteps((name) => c.req.queries(name)),
      window: q('window', '7d'),
    };
    // Dates are whole days in the operator's zone: `to` is included, so the range ends at the start of the day after.
    const dayAfter = new Date(Date.parse(`${inputs.to}T00:00:00Z`) + dayMs).toISOString().slice(0, 10);
    const instant = (date: string) => {
      const ms = zonedInstant(date, zone);
      return Number.isNaN(ms) ? date : ms;
    };
    const range = { from: instant(inputs.from), to: instant(dayAfter) };
    const errors: { distribution?: string; funnel?: string } = {};
    /** The report's result, or undefined with its problem in `errors`. */
    const run = async <T, R>(name: 'distribution' | 'funnel', parsed: z.ZodSafeParseResult<T>, work: (b: T) => Promise<R>): Promise<R | undefined> => {
      if (!parsed.success) {
        errors[name] = stepsAsShown(issuesText(parsed.error.issues));
        return undefined;
      }
      try {
        return await work(parsed.data);
      } catch (error) {
        if (!(error instanceof HttpError)) throw error;
        errors[name] = stepsAsShown(error.message);
        return undefined;
      }
    };
    // A report is drawn once its form was sent (an event chosen; steps chosen); each form carries the other's choices.
    const distribution =
      c.req.query('event') === undefined
        ? undefined
        : await run('distribution', distributionBody.safeParse({ ...range, event: inputs.event, by: inputs.by, timezone: inputs.timezone }), (b) => distributionOf(services, b));
    const funnel =
      c.req.query('step') === undefined ? undefined : await run('funnel', funnelBody.safeParse({ ...range, steps: inputs.steps.map((s) => funnelStepBody(s, events)), window: inputs.window }), async (b) => (await funnelOf(services, b)).steps);
    return c.html(
      <AnalysisPage session={c.var.session} flash={takeFlash(c.var.session)} events={events} inputs={inputs} {...(distribution && { distribution })} {...(funnel && { funnel })} errors={errors} />,
      errors.distribution || errors.funnel ? 400 : 200,
    );
  });
  return app;
}
