import { Center, EmptyState, Paper, Stack, Title } from '@mantine/core';
import { ToolsIcon } from '../../components/icons';

/** Stands in for screens built in later versions; deliberately shows no sample data. */
export function ComingSoon({ title }: { title: string }) {
  return (
    <Stack gap="lg">
      <Title order={1} size="h2">
        {title}
      </Title>
      <Paper withBorder py={64} px="md">
        <Center>
          <EmptyState
            icon={<ToolsIcon size={28} />}
            withIndicatorBackground
            title="Coming soon in this version"
            description={`${title} is still being built. Use the menu to open a screen that is ready, such as Patients.`}
            maw={420}
          />
        </Center>
      </Paper>
    </Stack>
  );
}
