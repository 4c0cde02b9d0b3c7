import { Alert, Group, Paper, SimpleGrid, Skeleton, Stack, Text } from '@mantine/core';
import { AlertIcon } from '../../components/icons';
import { errorMessage } from '../../lib/api';
import { StatCard } from './StatCard';
import { describeCounts, formatCount, monthName, percent } from './statsFormat';
import { UpdatedBar } from './UpdatedBar';
import { useServerNow, useStats } from './useStats';

/** The signed-in doctor's own day and month, for the top of My day. */
export function DoctorStatsPanel() {
  const { query, refresh, refreshing, refreshError } = useStats('stats/doctor');
  const stats = query.data;
  const error = query.error ?? refreshError;
  const serverNow = useServerNow(stats?.servedAt, query.dataUpdatedAt);

  return (
    <Paper withBorder p="md" component="section" aria-label="My figures">
      <Stack gap="sm">
        <Group justify="space-between">
          <Text fw={600}>My figures</Text>
          <UpdatedBar
            computedAt={stats?.computedAt}
            serverNow={serverNow}
            refreshing={refreshing}
            onRefresh={() => void refresh()}
          />
        </Group>
        {error !== null && error !== undefined && (
          <Alert color="red" icon={<AlertIcon />}>
            {errorMessage(error)}
          </Alert>
        )}
        {!stats ? (
          query.isPending && <Skeleton height={90} aria-label="Loading my figures" />
        ) : (
          <SimpleGrid cols={{ base: 1, xs: 2, md: 4 }}>
            <StatCard
              label="Today"
              value={formatCount(stats.day.total)}
              detail={describeCounts(stats.day.byStatus)}
            />
            <StatCard
              label={`In ${monthName(stats.month)}`}
              value={formatCount(stats.thisMonth.total)}
              detail={describeCounts(stats.thisMonth.byStatus)}
            />
            <StatCard
              label="Visits completed this month"
              value={formatCount(stats.thisMonth.completedVisits)}
              detail={`${formatCount(stats.thisMonth.treatments)} treatments recorded`}
            />
            <StatCard label="My no-show rate this month" value={percent(stats.thisMonth.noShowRate)} />
          </SimpleGrid>
        )}
      </Stack>
    </Paper>
  );
}
