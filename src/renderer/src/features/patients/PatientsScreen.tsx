import {
  Alert,
  Button,
  Center,
  EmptyState,
  Group,
  Loader,
  Paper,
  Stack,
  Switch,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { useState } from 'react';
import { useHashRoute } from '../../app/useHashRoute';
import { useSession } from '../../lib/session';
import { routeId } from '../appointments/route';
import { PatientFormDialog } from './PatientFormDialog';
import { PatientProfile } from './PatientProfile';
import { patientsListInput } from '../../../../shared/contract';
import { AlertIcon, SearchIcon, UsersIcon } from '../../components/icons';
import { errorMessage } from '../../lib/api';
import { usePagedList } from '../../lib/usePagedList';
import { PageFooter } from '../../components/PageFooter';
import { schemaIssues } from '../../lib/formErrors';
import { PatientsTable } from './PatientsTable';
import { describeRange } from './patientFormat';
import { ImportDialog } from '../imports/ImportDialog';
import { LoadingRows } from '../../components/DataTable';

const PAGE_SIZE = 25;
/** Long enough to skip most keystrokes, short enough to feel instant at the front desk. */
const SEARCH_DEBOUNCE_MS = 250;

/** The patient list, or one patient's profile at `#/patients/<id>`. */
export function PatientsScreen() {
  const patientId = routeId(useHashRoute(), 'patients');
  const session = useSession().data;
  if (!session) return null;
  return patientId ? (
    <PatientProfile patientId={patientId} session={session} />
  ) : (
    <PatientList canRegister={session.role !== 'doctor'} canImport={session.role === 'admin'} />
  );
}

function PatientList({ canRegister, canImport }: { canRegister: boolean; canImport: boolean }) {
  const [registering, setRegistering] = useState(false);
  const [importing, setImporting] = useState(false);
  const [search, setSearch] = useState('');
  const [includeInactive, setIncludeInactive] = useState(false);
  const [query] = useDebouncedValue(search.trim(), SEARCH_DEBOUNCE_MS);

  const searchError = schemaIssues(patientsListInput, { query: search })[0]?.message;
  const list = usePagedList(
    'patients/list',
    { query, includeInactive },
    {
      pageSize: PAGE_SIZE,
      enabled: !searchError,
    },
  );
  const patients = list.query;

  const changeSearch = (value: string): void => {
    setSearch(value);
    list.firstPage();
  };

  const data = patients.data;
  const total = list.total;

  return (
    <Stack gap="lg">
      <Group justify="space-between" align="flex-end">
        <div>
          <Title order={1} size="h2">
            Patients
          </Title>
          <Text c="dimmed" size="sm">
            Find a patient by name, phone number or patient number.
          </Text>
        </div>
        <Group>
          {canImport ? (
            <Button variant="light" onClick={() => setImporting(true)}>
              Import from CSV…
            </Button>
          ) : null}
          {canRegister ? <Button onClick={() => setRegistering(true)}>Register patient</Button> : null}
        </Group>
      </Group>
      <ImportDialog opened={importing} onClose={() => setImporting(false)} />
      <PatientFormDialog
        opened={registering}
        onClose={() => setRegistering(false)}
        onSaved={(patient) => {
          setRegistering(false);
          window.location.hash = `#/patients/${patient.id}`;
        }}
      />

      <Paper withBorder p="md">
        <Group align="flex-end" gap="lg">
          <TextInput
            label="Search patients"
            placeholder="Name, phone or patient number"
            type="search"
            autoFocus
            flex={1}
            maw={520}
            leftSection={<SearchIcon />}
            rightSection={patients.isFetching && data ? <Loader size="xs" aria-label="Searching" /> : null}
            data-shortcut="patient-search"
            description="Enter opens the first patient found."
            value={search}
            onChange={(event) => changeSearch(event.currentTarget.value)}
            onKeyDown={(event) => {
              const first = data?.items[0];
              if (event.key === 'Enter' && first && !patients.isFetching) {
                window.location.hash = `#/patients/${first.id}`;
              }
            }}
            error={searchError}
          />
          <Switch
            label="Include inactive patients"
            checked={includeInactive}
            onChange={(event) => {
              setIncludeInactive(event.currentTarget.checked);
              list.firstPage();
            }}
            mb={8}
          />
        </Group>
      </Paper>

      {patients.isError ? (
        <Alert color="red" variant="light" icon={<AlertIcon />} title="Could not load patients" role="alert">
          <Stack gap="sm" align="flex-start">
            <Text size="sm">{errorMessage(patients.error)}</Text>
            <Button variant="light" color="red" size="xs" onClick={() => void patients.refetch()}>
              Try again
            </Button>
          </Stack>
        </Alert>
      ) : null}

      <Paper withBorder>
        {!data ? (
          <LoadingRows what="patients" rows={6} />
        ) : data.items.length === 0 ? (
          <Center py={48}>
            <EmptyState
              icon={<UsersIcon size={28} />}
              withIndicatorBackground
              title={query ? 'No patients match your search' : 'No patients yet'}
              description={
                query
                  ? `Nothing matches “${query}”. Check the spelling, or search by phone or patient number.`
                  : 'Patients appear here once they are registered at the front desk.'
              }
            />
          </Center>
        ) : (
          <PatientsTable patients={data.items} />
        )}
        {data && total > 0 ? (
          <PageFooter
            summary={describeRange(data.offset, data.items.length, total, data.totalCapped === true)}
            label="Patient pages"
            page={list.page}
            lastPage={list.lastPage}
            onChange={list.setPage}
          />
        ) : null}
      </Paper>
    </Stack>
  );
}
