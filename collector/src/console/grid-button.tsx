/** @jsxRuntime automatic @jsxImportSource hono/jsx */
import type { Child } from 'hono/jsx';

/** A form grid's button: in a label whose text is a blank, so it sits level with the inputs beside it, not with their labels. */
export const GridButton = (props: { children: Child }) => (
  <label>
    &nbsp;
    <button>{props.children}</button>
  </label>
);
