import { addDays } from './calendar-date';
import type { AppointmentSlice, AppointmentSpot, ChangeScope } from './channels/define';
import { channels, isChannelName, readsOf, type ChannelName, type DataKind, type EventMap } from './contract';

/**
 * The one answer to "can this `data/changed` event have altered this query's answer?", used by the
 * renderer (`lib/dataChanged.ts`) and by the bench's simulated client PCs alike.
 *
 * A query is touched when its channel `reads` a changed kind and that kind either has no scope in
 * the event (it changed anywhere) or its scope meets what the query shows. Being wrong must only
 * ever cost a refetch: anything this cannot judge (an unknown channel's key is the exception: it
 * reads nothing) counts as touched.
 */
export function changeTouches(channel: unknown, input: unknown, change: EventMap['data/changed']): boolean {
  if (!isChannelName(channel)) return false;
  return readsOf(channels[channel]).some(
    (kind) => change.tables.includes(kind) && kindTouches(channel, input, kind, change.scope),
  );
}

function kindTouches(
  channel: ChannelName,
  input: unknown,
  kind: DataKind,
  scope: ChangeScope | undefined,
): boolean {
  if (kind !== 'appointments') return true;
  const spots = scope?.appointments;
  if (!spots) return true;
  const slice = appointmentsSliceOf(channel, input);
  return slice === null || spots.some((spot) => spotInSlice(spot, slice));
}

/** The appointments a query is drawn from, or null when its channel does not say (or the input does not parse). */
function appointmentsSliceOf(channel: ChannelName, input: unknown): AppointmentSlice | null {
  const spec = channels[channel] as {
    input: { safeParse: (value: unknown) => { success: boolean; data?: unknown } };
    appointmentsSlice?: (parsed: never) => AppointmentSlice;
  };
  if (!spec.appointmentsSlice) return null;
  // Parsed as the host parses it, so defaults (e.g. `days`) are the ones the answer was made with.
  const parsed = spec.input.safeParse(input ?? {});
  return parsed.success ? spec.appointmentsSlice(parsed.data as never) : null;
}

function spotInSlice(spot: AppointmentSpot, slice: AppointmentSlice): boolean {
  if (slice.doctorId !== undefined && slice.doctorId !== spot.doctorId) return false;
  if (slice.departmentId !== undefined && slice.departmentId !== spot.departmentId) return false;
  return spot.date >= slice.from && spot.date < addDays(slice.from, slice.days);
}

/**
 * The scope of a successful call of a write channel, from its answer (undefined: unscoped). An
 * answer it cannot read leaves the change unscoped: the call has already succeeded, and a missing
 * scope only costs a refetch.
 */
export function scopeOfWrite(channel: ChannelName, value: unknown): ChangeScope | undefined {
  const spec = channels[channel] as { scopeOf?: (answer: never) => ChangeScope };
  try {
    return spec.scopeOf?.(value as never);
  } catch {
    return undefined;
  }
}
