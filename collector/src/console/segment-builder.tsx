/** @jsxRuntime automatic @jsxImportSource hono/jsx */
import { PostForm } from './console-layout';
import type { ConsoleSession } from './console-sessions';
import { segmentBuilderScript, segmentBuilderStyle } from './segment-builder-assets';
import { blankRow, type SegmentFormValues, type SegmentRow } from './segment-form';

export interface BuilderChoices {
  events: { id: string; name: string }[];
  levels: readonly string[];
  stages: readonly string[];
}

const kindLabels: [SegmentRow['kind'], string][] = [
  ['', '— choose —'],
  ['did', 'did'],
  ['didNot', 'did not do'],
  ['tagged', 'has the tag'],
  ['activeness', 'activeness'],
  ['stage', 'stage is'],
];
const propertyOps = ['=', '!=', '>', '<', 'contains', 'in'];

function Select(props: { name: string; value: string; options: [string, string][]; label: string }) {
  return (
    <select name={props.name} aria-label={props.label}>
      {props.options.map(([v, text]) => (
        <option value={v} selected={v === props.value}>
          {text}
        </option>
      ))}
    </select>
  );
}

function Row(props: { row: SegmentRow; choices: BuilderChoices; errors: string[] | undefined }) {
  const { row, choices } = props;
  return (
    <div class="cond" data-kind={row.kind} data-group={row.group}>
      <Select name="row.group" label="Where the condition goes" value={row.group} options={[['main', 'In the list'], ['sub', 'In the group']]} />
      <Select name="row.negate" label="Negate" value={row.negate} options={[['', 'Customer'], ['not', 'Not']]} />
      <Select name="row.kind" label="Kind of condition" value={row.kind} options={kindLabels} />
      <span class="f f-did">
        <Select name="row.event" label="Event" value={row.event} options={[['', 'event…'], ...choices.events.map((e): [string, string] => [e.id, `${e.name} (${e.id})`])]} />
      </span>
      <span class="f f-tagged">
        <input name="row.tag" value={row.tag} placeholder="tag" aria-label="Tag" />
      </span>
      <span class="f f-did f-tagged">
        <Select name="row.countOp" label="At least or at most" value={row.countOp} options={[['atLeast', 'at least'], ['atMost', 'at most']]} />
        <input name="row.count" type="number" min="0" value={row.count} aria-label="Times" style="width:4.5rem" /> times
      </span>
      <span class="f f-did f-tagged">
        in the last <input name="row.within" value={row.within} placeholder="30d (empty: ever)" aria-label="Window" class="wide" />
      </span>
      <span class="f f-did">
        where <input name="row.property" value={row.property} placeholder="property" aria-label="Property" />
        <Select name="row.propertyOp" label="Comparison" value={row.propertyOp} options={propertyOps.map((o): [string, string] => [o, o])} />
        <input name="row.propertyValue" value={row.propertyValue} placeholder="value" aria-label="Value" />
      </span>
      <span class="f f-activeness">
        <Select name="row.level" label="Activeness level" value={row.level} options={[['', 'any level'], ...choices.levels.map((l): [string, string] => [l, l])]} />
        or from <input name="row.min" type="number" value={row.min} aria-label="Minimum activeness" style="width:5rem" /> to{' '}
        <input name="row.max" type="number" value={row.max} aria-label="Maximum activeness" style="width:5rem" />
      </span>
      <span class="f f-stage">
        <Select name="row.stage" label="Stage" value={row.stage} options={[['', 'stage…'], ...choices.stages.map((s): [string, string] => [s, s])]} />
      </span>
      <button type="button" class="secondary remove" aria-label="Remove this condition">
        ×
      </button>
      {props.errors?.map((e) => (
        <p class="row-error" role="alert">
          {e}
        </p>
      ))}
    </div>
  );
}

/**
 * The condition builder: a list of conditions combined with all of / any of, each one negatable, and one
 * nested group (rows put "in the group") that counts as a single condition of the list. POSTs to `action`.
 */
export function SegmentBuilder(props: { session: ConsoleSession; action: string; values: SegmentFormValues; choices: BuilderChoices; rowErrors?: Map<number, string[]>; submit: string }) {
  const { values } = props;
  const combine: [string, string][] = [
    ['all', 'all of'],
    ['any', 'any of'],
  ];
  return (
    <PostForm session={props.session} action={props.action} class="card" id="segment-builder">
      <style dangerouslySetInnerHTML={{ __html: segmentBuilderStyle }} />
      <label>
        Name
        <input name="name" value={values.name} required maxlength={200} placeholder="Bought twice this month" />
      </label>
      <p>
        Customers who match <Select name="combine" label="Combine the list with" value={values.combine} options={combine} /> these conditions. The rows put “in the
        group” count as one of them, and match <Select name="subCombine" label="Combine the group with" value={values.subCombine} options={combine} /> the group’s rows.
      </p>
      <div class="conditions" id="conditions">
        {[...values.rows, blankRow].map((row, i) => (
          <Row row={row} choices={props.choices} errors={props.rowErrors?.get(i)} />
        ))}
      </div>
      <p class="toolbar">
        <button type="button" class="secondary" id="add-condition">
          + Add condition
        </button>
      </p>
      <p class="live-count" id="live-count" aria-live="polite" />
      <button>{props.submit}</button>
      <script dangerouslySetInnerHTML={{ __html: segmentBuilderScript }} />
    </PostForm>
  );
}
