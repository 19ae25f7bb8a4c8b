import type { NewEvent } from '../event-store';

/** An accepted event and the customer it went to. */
export interface RecordedRow {
  event: NewEvent;
  customerId: string;
}
