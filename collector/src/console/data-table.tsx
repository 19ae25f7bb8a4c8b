/** @jsxRuntime automatic @jsxImportSource hono/jsx */
import type { Child } from 'hono/jsx';

/** A column heading: its text, or with a class (`hide-narrow` folds it away on a phone) or a label for an empty heading. */
export type Column = Child | ColumnSpec;
type ColumnSpec = { label: Child; class?: string } | { ariaLabel: string; label?: undefined; class?: string };

const isSpec = (c: Column): c is ColumnSpec => typeof c === 'object' && c !== null && ('label' in c || 'ariaLabel' in c);

/**
 * The console's tables: a white box that scrolls sideways on a narrow screen, the headings, the rows,
 * and a line in place of rows when there are none. `false` columns are left out (an admin-only one).
 */
export function DataTable(props: { id: string; class?: string; columns: (Column | false)[]; children?: Child; empty?: Child | false }) {
  return (
    <div class="table-wrap">
      <table id={props.id} class={props.class}>
        <thead>
          <tr>
            {props.columns
              .filter((c) => c !== false)
              .map((c) =>
                isSpec(c) ? (
                  <th class={c.class} aria-label={'ariaLabel' in c ? c.ariaLabel : undefined}>
                    {c.label}
                  </th>
                ) : (
                  <th>{c}</th>
                ),
              )}
          </tr>
        </thead>
        <tbody>{props.children}</tbody>
      </table>
      {props.empty !== undefined && props.empty !== false && (
        <p class="muted" style="padding:.6rem">
          {props.empty}
        </p>
      )}
    </div>
  );
}
