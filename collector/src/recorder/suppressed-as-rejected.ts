import type { Rejection } from '@eventline/protocol';
import type { NewEvent, WriteOutcome } from '../store/store';

/**
 * Events the writer refused because they name a suppressed identity are answered as rejected
 * (`suppressed`), in request order among the other rejections; the outcomes left are those of the
 * events stored or found stored. Nothing of them was kept, so a client may not resend them as if lost.
 */
export function suppressedAsRejected(
  outcomes: readonly WriteOutcome[],
  events: readonly NewEvent[],
  positions: readonly number[],
  rejected: readonly Rejection[],
): { outcomes: WriteOutcome[]; rejected: Rejection[] } {
  if (!outcomes.includes('suppressed')) return { outcomes: [...outcomes], rejected: [...rejected] };
  const suppressed: Rejection[] = [];
  outcomes.forEach((outcome, i) => {
    if (outcome !== 'suppressed') return;
    suppressed.push({
      index: positions[i]!,
      uuid: events[i]!.uuid,
      code: 'suppressed',
      message: 'the event names an identity whose data was erased on request and is suppressed: it was not stored',
      path: 'identities',
    });
  });
  return {
    outcomes: outcomes.filter((o) => o !== 'suppressed'),
    rejected: [...rejected, ...suppressed].sort((a, b) => a.index - b.index),
  };
}
