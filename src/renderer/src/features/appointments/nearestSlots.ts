import type { Slot } from '../../../../shared/dto/clinic';

/** How many alternatives to offer when the chosen time was just taken. */
const NEAREST_COUNT = 4;

/** The free slots closest in time to `startsAt`, earliest first. */
export function nearestSlots(slots: readonly Slot[], startsAt: number, count = NEAREST_COUNT): Slot[] {
  return [...slots]
    .sort(
      (a, b) => Math.abs(a.startsAt - startsAt) - Math.abs(b.startsAt - startsAt) || a.startsAt - b.startsAt,
    )
    .slice(0, count)
    .sort((a, b) => a.startsAt - b.startsAt);
}
