import { Alert, Group, SimpleGrid, Skeleton, Stack, Text, Title } from '@mantine/core';
import { AlertIcon } from '../../components/icons';
import { errorMessage } from '../../lib/api';
import { StatCard } from './StatCard';
import { AppointmentsPerDayChart, NoShowPerDoctorChart, VisitsPerDepartmentChart } from './StatsCharts';
import { backupIsStale, backupLabel, describeCounts, formatCount, monthName, percent } from './statsFormat';
import { UpdatedBar } from './UpdatedBar';
import { useServerNow, useStats } from './useStats';

/** The administrator's home: the clinic at a glance, counted in main and memoised five minutes. */
export function DashboardScreen() {
  const { query, refresh, refreshing, refreshError } = useStats('stats/dashboard');
  const stats = query.data;
  const serverNow = useServerNow(stats?.servedAt, query.dataUpdatedAt);
  const now = serverNow ?? 0;
  const error = query.error ?? refreshError;

  return (
    <Stack gap="lg">
      <Group justify="space-between" align="flex-end">
        <div>
          <Title order={1} size="h2">
            Dashboard
          </Title>
          <Text c="dimmed" size="sm">
            {stats ? `Today is ${stats.today}; times in ${stats.timeZone}.` : 'The clinic at a glance.'}
          </Text>
        </div>
        <UpdatedBar
          computedAt={stats?.computedAt}
          serverNow={serverNow}
          refreshing={refreshing}
          onRefresh={() => void refresh()}
        />
      </Group>

      {error !== null && error !== undefined && (
        <Alert color="red" icon={<AlertIcon />} title="The figures could not be loaded">
          {errorMessage(error)}
        </Alert>
      )}

      {!stats ? (
        query.isPending && <Skeleton height={320} aria-label="Loading the figures" />
      ) : (
        <>
          <SimpleGrid cols={{ base: 1, xs: 2, md: 4 }}>
            <StatCard label="Active patients" value={formatCount(stats.patientsActive)} />
            <StatCard label="Doctors" value={formatCount(stats.doctorsActive)} />
            <StatCard label="Departments" value={formatCount(stats.departmentsActive)} />
            <StatCard
              label="Appointments today"
              value={formatCount(Object.values(stats.todayByStatus).reduce((sum, n) => sum + n, 0))}
              detail={describeCounts(stats.todayByStatus)}
            />
            <StatCard
              label="Next 7 days"
              value={formatCount(stats.upcoming.total)}
              detail="booked or arrived"
            />
            <StatCard
              label={`Appointments in ${monthName(stats.month)}`}
              value={formatCount(stats.thisMonth.total)}
              detail={describeCounts(stats.thisMonth.byStatus)}
            />
            <StatCard
              label="No-show rate this month"
              value={percent(stats.thisMonth.noShowRate)}
              detail={`${formatCount(stats.thisMonth.byStatus.no_show)} of ${formatCount(
                stats.thisMonth.byStatus.no_show + stats.thisMonth.completedVisits,
              )} due`}
              color={
                stats.thisMonth.noShowRate !== null && stats.thisMonth.noShowRate > 0.1 ? 'red' : undefined
              }
            />
            <StatCard
              label="Completed visits this month"
              value={formatCount(stats.thisMonth.completedVisits)}
              detail={`${formatCount(stats.thisMonth.treatments)} treatments recorded`}
            />
            <StatCard label="Pending exports" value={formatCount(stats.pendingExports)} />
            <StatCard
              label="Emails waiting"
              value={formatCount(stats.outbox.queued)}
              detail={`${formatCount(stats.outbox.failed)} failed`}
              color={stats.outbox.failed > 0 ? 'red' : undefined}
            />
            <StatCard
              label="Last backup"
              value={backupLabel(stats.lastBackupAt, now)}
              color={backupIsStale(stats.lastBackupAt, now) ? 'orange' : undefined}
              detail={
                stats.lastBackupAt === null
                  ? 'Make one in Settings › Backups'
                  : backupIsStale(stats.lastBackupAt, now)
                    ? 'Older than two days: see Settings › Backups'
                    : undefined
              }
            />
          </SimpleGrid>

          <AppointmentsPerDayChart days={stats.perDay} />
          <SimpleGrid cols={{ base: 1, lg: 2 }}>
            <VisitsPerDepartmentChart departments={stats.visitsPerDepartment} />
            <NoShowPerDoctorChart doctors={stats.noShowPerDoctor} />
          </SimpleGrid>
        </>
      )}
    </Stack>
  );
}
