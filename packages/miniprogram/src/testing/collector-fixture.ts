import { randomUUID } from 'node:crypto';
import { readEvents, type RunningCollector } from '../../../../test/support/collector-process';

/** Defines `cl_tap` (cl_run: text, cl_n: number) on a running collector, once. */
export async function defineTap(collector: RunningCollector): Promise<void> {
  const response = await fetch(`${collector.url}/v1/definitions`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${collector.adminKey}` },
    body: JSON.stringify({
      id: 'cl_tap',
      name: 'Tap',
      type: 'inbound',
      score: 1,
      properties: [
        { id: 'cl_run', name: 'Run', type: 'text' },
        { id: 'cl_n', name: 'N', type: 'number' },
        { id: 'cl_note', name: 'Note', type: 'text' },
      ],
    }),
  });
  if (response.status !== 201 && response.status !== 409) throw new Error(`defining cl_tap: ${response.status} ${await response.text()}`);
}

/** A marker that tells one test's events from another's in the shared database. */
export const newRun = () => randomUUID();

/** The stored `cl_tap` events of one run. */
export const storedTaps = (collector: RunningCollector, run: string) => readEvents(collector.dbPath).filter((e) => e.event === 'cl_tap' && e.properties.cl_run === run);
