import { Button, Paper, Skeleton, Stack, Table, Text } from '@mantine/core';
import type { UseQueryResult } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import { LoadError } from './LoadError';

interface DataTableProps<T> {
  /** The list query; its error shows as a LoadError with "Try again". */
  query: Pick<UseQueryResult<readonly T[]>, 'data' | 'isError' | 'error' | 'refetch'>;
  /** What the list holds, lower case: "Could not load …", "Loading …". */
  what: string;
  /** The table's accessible name. */
  label: string;
  /** Column headings, in order. */
  columns: readonly string[];
  /** One `Table.Tr` per item. */
  row: (item: T) => ReactNode;
  /** Shown instead of an empty table; without it an empty list shows the bare header row. */
  empty?: ReactNode;
  minWidth: number;
  /** Skeleton lines while loading. */
  loadingRows?: number;
}

/**
 * The list screens' table: load error, loading skeleton, empty text, then a striped, scrollable
 * table with a header row — written once so the screens cannot drift apart.
 */
export function DataTable<T>({
  query,
  what,
  label,
  columns,
  row,
  empty,
  minWidth,
  loadingRows = 4,
}: DataTableProps<T>) {
  const data = query.data;
  return (
    <>
      {query.isError ? (
        <LoadError what={what} error={query.error} onRetry={() => void query.refetch()} />
      ) : null}
      <Paper withBorder>
        {!data ? (
          <LoadingRows what={what} rows={loadingRows} />
        ) : data.length === 0 && empty !== undefined ? (
          <Text p="lg" c="dimmed">
            {empty}
          </Text>
        ) : (
          <Table.ScrollContainer minWidth={minWidth}>
            <Table striped highlightOnHover verticalSpacing="sm" aria-label={label}>
              <Table.Thead>
                <Table.Tr>
                  {columns.map((column) => (
                    <Table.Th key={column}>{column}</Table.Th>
                  ))}
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>{data.map(row)}</Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        )}
      </Paper>
    </>
  );
}

/** A row's "Edit" button, named for the row ("Edit Dr Rao") so a screen reader can tell them apart. */
export function EditRowButton({ name, onClick }: { name: string; onClick: () => void }) {
  return (
    <Button size="xs" variant="default" aria-label={`Edit ${name}`} onClick={onClick}>
      Edit
    </Button>
  );
}

/** A list still loading: grey lines where its rows will be, announced as "Loading …". */
export function LoadingRows({ what, rows, height = 28 }: { what: string; rows: number; height?: number }) {
  return (
    <Stack p="md" gap="sm" aria-busy="true" aria-label={`Loading ${what}`}>
      {Array.from({ length: rows }, (_, i) => (
        <Skeleton key={i} height={height} />
      ))}
    </Stack>
  );
}
