import { EventlineError } from './eventline-error';

/** The request did not get an answer: offline, DNS, CORS, or a beacon whose fate is unknown. */
export class NetworkError extends EventlineError {
  override readonly name = 'NetworkError';
}
