import { Alert, Group, Paper, Stack, Table, Title } from '@mantine/core';
import type { ReactNode } from 'react';
import { AlertIcon } from './icons';

interface PanelProps {
  /** The heading's id; the section is labelled by it. */
  id: string;
  title: ReactNode;
  /** Shown at the heading's right (a count, a button); the heading then sits in a row with it. */
  aside?: ReactNode;
  children: ReactNode;
}

/** A titled section of a screen: bordered, headed by an h2 that names it. */
export function Panel({ id, title, aside, children }: PanelProps) {
  const heading = (
    <Title order={2} size="h4" id={id}>
      {title}
    </Title>
  );
  return (
    <Paper withBorder p="md" component="section" aria-labelledby={id}>
      <Stack gap="sm">
        {aside === undefined ? (
          heading
        ) : (
          <Group justify="space-between">
            {heading}
            {aside}
          </Group>
        )}
        {children}
      </Stack>
    </Paper>
  );
}

interface PanelTableProps {
  /** The table's accessible name. */
  label: string;
  /** Column headings, in order; '' for an unnamed column (its row buttons name themselves). */
  columns: readonly string[];
  /** Why the list could not be loaded or an action on it failed, as a sentence; null when fine. */
  error: string | null;
  /** The `Table.Tr` rows. */
  children: ReactNode;
}

/** A panel's list: the error above it, then a striped table with a header row. */
export function PanelTable({ label, columns, error, children }: PanelTableProps) {
  return (
    <>
      {error === null ? null : (
        <Alert color="red" icon={<AlertIcon />} role="alert">
          {error}
        </Alert>
      )}
      <Table striped aria-label={label}>
        <Table.Thead>
          <Table.Tr>
            {columns.map((column, i) =>
              column === '' ? <Table.Th key={i} /> : <Table.Th key={i}>{column}</Table.Th>,
            )}
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>{children}</Table.Tbody>
      </Table>
    </>
  );
}
