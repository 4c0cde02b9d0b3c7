import { Group, Pagination, Text } from '@mantine/core';

const PAGE_CONTROL_LABELS = {
  first: 'First page',
  previous: 'Previous page',
  next: 'Next page',
  last: 'Last page',
} as const;

interface Props {
  /** "Showing 1–25 of 130 patients", announced when it changes. */
  summary: string;
  /** The page controls' landmark name, e.g. "Patient pages". */
  label: string;
  page: number;
  lastPage: number;
  onChange: (page: number) => void;
}

/** Under a paged list: what is shown, and the page controls when there is more than one page. */
export function PageFooter({ summary, label, page, lastPage, onChange }: Props) {
  return (
    <Group
      justify="space-between"
      px="md"
      py="sm"
      style={{ borderTop: '1px solid var(--mantine-color-gray-3)' }}
    >
      <Text size="sm" c="dimmed" aria-live="polite">
        {summary}
      </Text>
      {lastPage > 1 ? (
        <nav aria-label={label}>
          <Pagination
            total={lastPage}
            value={page}
            onChange={onChange}
            size="sm"
            getControlProps={(control) => ({ 'aria-label': PAGE_CONTROL_LABELS[control] })}
          />
        </nav>
      ) : null}
    </Group>
  );
}
