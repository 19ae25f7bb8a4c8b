/** @jsxRuntime automatic @jsxImportSource hono/jsx */

/** A select whose first choice, `blank`, sends an empty value ("none", "everyone"); then one choice per record. */
export function BlankFirstSelect(props: {
  name: string;
  blank: string;
  value: string;
  options: readonly { id: string; name: string }[];
  disabled?: boolean;
  /** The field's `invalid` marks. */
  invalid: Record<string, string>;
}) {
  return (
    <select name={props.name} disabled={props.disabled} {...props.invalid}>
      <option value="">{props.blank}</option>
      {props.options.map((o) => (
        <option value={o.id} selected={o.id === props.value}>
          {o.name}
        </option>
      ))}
    </select>
  );
}
