/** What POST /v1/definitions takes for a custom event. */
export interface EventDefinition {
  id: string;
  name: string;
  score?: number;
  properties: Array<{ id: string; name: string; type: string; required?: boolean }>;
}

/**
 * Defines a custom inbound event as an integrator would, so the events a test sends are recorded rather
 * than quarantined. Throws unless the collector answers 201.
 */
export async function defineEvent(collector: { url: string; adminKey: string }, definition: EventDefinition): Promise<void> {
  const defined = await fetch(`${collector.url}/v1/definitions`, {
    method: 'POST',
    headers: { Authorization: `Bearer ${collector.adminKey}`, 'Content-Type': 'application/json' },
    body: JSON.stringify({ ...definition, type: 'inbound' }),
  });
  if (defined.status !== 201) throw new Error(`defining ${definition.id}: ${defined.status} ${await defined.text()}`);
}
