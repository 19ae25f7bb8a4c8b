import { HttpError } from '../errors/http-error';
import { isCursorNumber } from '../http/cursor-number';
import type { EventPosition } from '../store/store';

/** The cursor is opaque to clients: the (time, seq) of the last event they received. */
export function encodeCursor(position: EventPosition): string {
  return Buffer.from(`${position.time}.${position.seq}`).toString('base64url');
}

export function decodeCursor(cursor: string): EventPosition {
  const [time = '', seq = '', ...rest] = Buffer.from(cursor, 'base64url').toString('utf8').split('.');
  if (rest.length > 0 || !isCursorNumber(time) || !isCursorNumber(seq) || time.startsWith('-') || seq.startsWith('-')) {
    throw new HttpError(400, 'invalid_cursor', 'cursor: not a cursor this collector gave; pass nextCursor unchanged');
  }
  return { time: Number(time), seq: Number(seq) };
}
