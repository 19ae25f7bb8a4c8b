import { HttpError } from '../errors/http-error';
import type { EventPosition } from '../store/store';

/** The cursor is opaque to clients: the (time, seq) of the last event they received. */
export function encodeCursor(position: EventPosition): string {
  return Buffer.from(`${position.time}.${position.seq}`).toString('base64url');
}

export function decodeCursor(cursor: string): EventPosition {
  const match = /^(\d+)\.(\d+)$/.exec(Buffer.from(cursor, 'base64url').toString('utf8'));
  if (!match) throw new HttpError(400, 'invalid_request', 'cursor: not a cursor this collector gave; pass nextCursor unchanged');
  return { time: Number(match[1]), seq: Number(match[2]) };
}
