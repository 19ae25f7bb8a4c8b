/** A stretch of time over which a zone's UTC offset stays the same: local time = UTC + offset. */
export interface ZoneInterval {
  /** Epoch ms, inclusive. */
  from: number;
  /** Epoch ms, exclusive. */
  to: number;
  /** Milliseconds to add to UTC. */
  offset: number;
}
