/** @jsxRuntime automatic @jsxImportSource hono/jsx */
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

/** A form's marks, field by field: `invalid(field)` spreads onto the input, `<Message field>` goes under it. */
export function fieldMarks(errors: FieldErrors | undefined) {
  return {
    invalid: (field: string) => invalidField(field, fieldError(errors, field)),
    Message: (props: { field: string }) => <FieldError field={props.field} message={fieldError(errors, props.field)} />,
  };
}
