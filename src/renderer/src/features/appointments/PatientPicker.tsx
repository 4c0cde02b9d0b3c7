import { Select } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { useState } from 'react';
import type { PatientSummary } from '../../../../shared/dto';
import { useChannelQuery } from '../../lib/api';

interface PatientPickerProps {
  value: PatientSummary | null;
  onChange: (patient: PatientSummary | null) => void;
  error?: string | undefined;
}

/** Search-as-you-type patient choice: the server searches (FTS), so nothing is filtered here. */
export function PatientPicker({ value, onChange, error }: PatientPickerProps) {
  const [search, setSearch] = useState('');
  const [query] = useDebouncedValue(search.trim(), 200);
  const found = useChannelQuery(
    'patients/list',
    { query, limit: 20 },
    { enabled: query.length > 0, keepPrevious: true },
  );
  const options = [...(value ? [value] : []), ...(found.data?.items ?? []).filter((p) => p.id !== value?.id)];
  return (
    <Select
      label="Patient"
      placeholder="Type a name, phone or patient number"
      searchable
      clearable
      data-autofocus
      searchValue={search}
      onSearchChange={setSearch}
      filter={({ options: all }) => all}
      nothingFoundMessage={query ? 'No active patient matches' : 'Start typing to search'}
      data={options.map((p) => ({
        value: String(p.id),
        label: `${p.fullName} · ${p.patientNumber} · ${p.dateOfBirth}`,
      }))}
      value={value ? String(value.id) : null}
      onChange={(id) => onChange(options.find((p) => String(p.id) === id) ?? null)}
      error={error}
    />
  );
}
