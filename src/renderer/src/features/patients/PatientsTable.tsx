import { Anchor, Badge, Table, Text } from '@mantine/core';
import type { PatientSummary } from '../../../../shared/dto';
import { formatDateOfBirth, sexLabel } from './patientFormat';

function Missing() {
  return (
    <Text span inherit c="dimmed" aria-label="Not recorded">
      —
    </Text>
  );
}

export function PatientsTable({ patients }: { patients: readonly PatientSummary[] }) {
  return (
    <Table.ScrollContainer minWidth={860}>
      <Table striped highlightOnHover verticalSpacing="sm" aria-label="Patients">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>Patient no.</Table.Th>
            <Table.Th>Name</Table.Th>
            <Table.Th>Date of birth</Table.Th>
            <Table.Th>Sex</Table.Th>
            <Table.Th>Phone</Table.Th>
            <Table.Th>Email</Table.Th>
            <Table.Th>Status</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {patients.map((patient) => (
            <Table.Tr key={patient.id}>
              <Table.Td c="dimmed" style={{ fontVariantNumeric: 'tabular-nums', whiteSpace: 'nowrap' }}>
                {patient.patientNumber}
              </Table.Td>
              <Table.Td fw={500}>
                <Anchor href={`#/patients/${patient.id}`} inherit>
                  {patient.fullName}
                </Anchor>
              </Table.Td>
              <Table.Td>{formatDateOfBirth(patient.dateOfBirth)}</Table.Td>
              <Table.Td>{sexLabel(patient.sex)}</Table.Td>
              <Table.Td>{patient.phone ?? <Missing />}</Table.Td>
              <Table.Td>{patient.email ?? <Missing />}</Table.Td>
              <Table.Td>
                <Badge variant="light" color={patient.active ? 'teal' : 'gray'} radius="sm">
                  {patient.active ? 'Active' : 'Inactive'}
                </Badge>
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
