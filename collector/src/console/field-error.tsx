/** @jsxRuntime automatic @jsxImportSource hono/jsx */
import type { Child, JSX } from 'hono/jsx';
import { fieldError, type FieldErrors } from './field-errors';

// The message's id comes from the field's key, so an input and its message can never name different ids.
const messageId = (field: string) => `error-${field}`;

/** A refused field's message, right under its input: `role="alert"` so a screen reader says it as the page opens. */
export const FieldError = (props: { field: string; message: string | undefined }) =>
  props.message ? (
    <small class="field-error" id={messageId(props.field)} role="alert">
      {props.message}
    </small>
  ) : null;

/** The attributes that mark an input refused and point it at its `FieldError`; none when the field is fine. */
export const invalidField = (field: string, message: string | undefined) => (message ? { 'aria-invalid': 'true', 'aria-describedby': messageId(field) } : {});

/**
 * A form's marks, field by field: `invalid(field)` spreads onto the input, `<Message field>` goes under it.
 * `<Field>` labels an input it is given and puts the message under it; `<Input>` is that for a plain
 * input, whose name keys its marks, so the three can never name different fields. Give a form's field
 * names as `F` and the compiler checks every one.
 */
export function fieldMarks<F extends string = string>(errors: FieldErrors | undefined) {
  const invalid = (field: F) => invalidField(field, fieldError(errors, field));
  const Message = (props: { field: F }) => <FieldError field={props.field} message={fieldError(errors, props.field)} />;
  const Field = (props: { label: Child; field: F; children: Child; wide?: boolean }) => (
    <label style={props.wide ? 'grid-column:1/-1' : undefined}>
      {props.label}
      {props.children}
      <Message field={props.field} />
    </label>
  );
  const Input = ({ label, ...input }: JSX.IntrinsicElements['input'] & { label: Child; name: F }) => (
    <Field label={label} field={input.name}>
      <input {...input} {...invalid(input.name)} />
    </Field>
  );
  return { invalid, Message, Field, Input };
}
