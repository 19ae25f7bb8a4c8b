/** Base of every error the tracker reports (to the debug log and the answer hook); it never throws them. */
export class EventlineError extends Error {
  override readonly name: string = 'EventlineError';
}
