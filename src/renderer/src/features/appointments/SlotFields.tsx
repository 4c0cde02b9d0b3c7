import { Loader, Select } from '@mantine/core';
import { DatePickerInput } from '@mantine/dates';
import type { DoctorOption, Slot } from '../../../../shared/dto/clinic';
import { useChannelQuery } from '../../lib/api';

/**
 * The free times of one doctor on one day, asked for once both are chosen (and while `active`):
 * the query itself, its slots and whether they are still loading. A day not known yet (`from`
 * empty while the clinic's today loads) counts as loading, not as a day without free times.
 */
export function useFreeTimes(doctorId: string | null, from: string, active = true) {
  const chosen = doctorId !== null && from !== '';
  const free = useChannelQuery(
    'appointments/freeSlots',
    { doctorId: Number(doctorId), from, days: 1 },
    { enabled: chosen && active },
  );
  return {
    free,
    slots: free.data?.doctors[0]?.slots ?? [],
    loading: doctorId !== null && (from === '' || free.isPending),
  };
}

/** The doctor and the day whose free times are offered, as booking and moving ask for them. */
export function DoctorAndDay({
  doctors,
  doctorId,
  onDoctor,
  date,
  minDate,
  onDate,
  dateLabel,
  doctorAutoFocus,
}: {
  doctors: DoctorOption[];
  doctorId: string | null;
  onDoctor: (value: string | null) => void;
  date: string;
  minDate: string | undefined;
  onDate: (value: string | null) => void;
  dateLabel: string;
  doctorAutoFocus?: boolean;
}) {
  return (
    <>
      <Select
        label="Doctor"
        placeholder="Choose a doctor"
        data-autofocus={doctorAutoFocus ? true : undefined}
        searchable
        data={doctors.map((d) => ({ value: String(d.id), label: `${d.fullName} · ${d.departmentName}` }))}
        value={doctorId}
        onChange={onDoctor}
      />
      <DatePickerInput
        label={dateLabel}
        valueFormat="ddd D MMM YYYY"
        value={date || null}
        minDate={minDate}
        onChange={onDate}
      />
    </>
  );
}

/**
 * The free times of one doctor on one day, as booking and moving offer them: it says why it is
 * empty (no doctor yet, loading, failed, none that day) instead of showing an empty list.
 */
export function FreeTimeSelect({
  label,
  doctorChosen,
  loading,
  failed,
  slots,
  value,
  onChange,
  error,
  autoFocus,
}: {
  label: string;
  doctorChosen: boolean;
  loading: boolean;
  failed: boolean;
  slots: Slot[];
  value: string | null;
  onChange: (value: string | null) => void;
  error?: string | undefined;
  autoFocus?: boolean;
}) {
  return (
    <Select
      label={label}
      data-autofocus={autoFocus ? true : undefined}
      placeholder={
        !doctorChosen
          ? 'Choose a doctor first'
          : loading
            ? 'Loading free times…'
            : failed
              ? 'Could not load the free times'
              : slots.length
                ? 'Choose a time'
                : 'No free times that day'
      }
      aria-busy={loading}
      rightSection={loading ? <Loader size="xs" aria-label="Loading free times" /> : undefined}
      data={slots.map((s) => ({ value: String(s.startsAt), label: s.time }))}
      value={value}
      onChange={onChange}
      error={error}
      disabled={!doctorChosen || loading}
    />
  );
}
