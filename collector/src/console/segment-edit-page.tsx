/** @jsxRuntime automatic @jsxImportSource hono/jsx */
import type { SegmentRecord } from '../store/store';
import { Layout } from './console-layout';
import type { ConsoleSession } from './console-sessions';
import { SegmentBuilder, type BuilderChoices } from './segment-builder';
import type { SegmentFormValues } from './segment-form';
import { segmentUrl } from './segments-page';

/**
 * A new segment (no `saved`) or a saved one's condition in the builder. A condition written through the
 * API that the builder cannot show is shown as JSON, to be changed through the API.
 */
export function SegmentEditPage(props: {
  session: ConsoleSession;
  values: SegmentFormValues | undefined;
  saved?: SegmentRecord;
  choices: BuilderChoices;
  formErrors?: string[];
  rowErrors?: Map<number, string[]>;
}) {
  const { saved } = props;
  const title = saved ? `Edit “${saved.name}”` : 'New segment';
  return (
    <Layout session={props.session} section="segments" title={title} flash={props.formErrors?.length ? { kind: 'error', text: props.formErrors.join(' ') } : null}>
      <p>
        <a href={saved ? segmentUrl(saved.id) : '/console/segments'}>← {saved ? saved.name : 'All segments'}</a>
      </p>
      {props.values ? (
        <SegmentBuilder
          session={props.session}
          action={saved ? segmentUrl(saved.id) : '/console/segments'}
          values={props.values}
          choices={props.choices}
          {...(props.rowErrors && { rowErrors: props.rowErrors })}
          submit={saved ? 'Save segment' : 'Create segment'}
        />
      ) : (
        <div class="card">
          <p>This condition was written through the API in a form the builder cannot show (more nesting, a fixed time range, or several property conditions on one event). Change it with PATCH /v1/segments/{saved?.id}.</p>
          <pre class="json">{JSON.stringify(saved?.condition, null, 2)}</pre>
        </div>
      )}
    </Layout>
  );
}
