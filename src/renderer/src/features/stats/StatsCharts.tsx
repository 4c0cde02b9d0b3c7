import { Paper, Text, useMantineTheme } from '@mantine/core';
import { useId, type ReactElement } from 'react';
import { Bar, BarChart, CartesianGrid, Legend, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import {
  APPOINTMENT_STATUS_ORDER,
  type DayStatusCounts,
  type DepartmentVisits,
  type DoctorNoShow,
} from '../../../../shared/dto/stats';
import { percent, shortDate, STATUS_COLORS, STATUS_LABELS } from './statsFormat';

interface ChartFrameProps {
  title: string;
  description: string;
  empty: boolean;
  /** Why the chart is empty, in words: an empty box says nothing. */
  emptyText: string;
  height?: number;
  children: ReactElement;
}

/** A titled figure around one chart; the description doubles as its accessible summary. */
function ChartFrame({ title, description, empty, emptyText, height = 260, children }: ChartFrameProps) {
  const titleId = useId();
  const descriptionId = useId();
  return (
    <Paper
      withBorder
      p="md"
      component="figure"
      m={0}
      aria-labelledby={titleId}
      aria-describedby={descriptionId}
    >
      <Text id={titleId} fw={600} component="figcaption">
        {title}
      </Text>
      <Text id={descriptionId} size="sm" c="dimmed" mb="sm">
        {description}
      </Text>
      {empty ? (
        <Text size="sm" c="dimmed" py="xl" ta="center">
          {emptyText}
        </Text>
      ) : (
        <div style={{ width: '100%', height }}>
          <ResponsiveContainer width="100%" height="100%">
            {children}
          </ResponsiveContainer>
        </div>
      )}
    </Paper>
  );
}

export function AppointmentsPerDayChart({ days }: { days: DayStatusCounts[] }) {
  const theme = useMantineTheme();
  const data = days.map((day) => ({ ...day, label: shortDate(day.date) }));
  const empty = days.every((day) => APPOINTMENT_STATUS_ORDER.every((status) => day[status] === 0));
  return (
    <ChartFrame
      title="Appointments per day"
      description="The last 30 days, stacked by status."
      empty={empty}
      emptyText="No appointments in the last 30 days."
      height={300}
    >
      <BarChart data={data} margin={{ top: 4, right: 8, bottom: 0, left: -16 }}>
        <CartesianGrid strokeDasharray="3 3" vertical={false} />
        <XAxis dataKey="label" tick={{ fontSize: 12 }} interval="preserveStartEnd" minTickGap={16} />
        <YAxis allowDecimals={false} tick={{ fontSize: 12 }} />
        <Tooltip />
        <Legend />
        {APPOINTMENT_STATUS_ORDER.map((status) => (
          <Bar
            key={status}
            dataKey={status}
            name={STATUS_LABELS[status]}
            stackId="status"
            fill={theme.colors[STATUS_COLORS[status]]?.[6]}
            isAnimationActive={false}
          />
        ))}
      </BarChart>
    </ChartFrame>
  );
}

export function VisitsPerDepartmentChart({ departments }: { departments: DepartmentVisits[] }) {
  const theme = useMantineTheme();
  return (
    <ChartFrame
      title="Visits per department"
      description="Completed visits this month."
      empty={departments.every((d) => d.visits === 0)}
      emptyText="No completed visits yet this month."
    >
      <BarChart data={departments} layout="vertical" margin={{ top: 4, right: 16, bottom: 0, left: 8 }}>
        <CartesianGrid strokeDasharray="3 3" horizontal={false} />
        <XAxis type="number" allowDecimals={false} tick={{ fontSize: 12 }} />
        <YAxis type="category" dataKey="name" width={130} tick={{ fontSize: 12 }} />
        <Tooltip />
        <Bar dataKey="visits" name="Visits" fill={theme.colors.teal?.[6]} isAnimationActive={false} />
      </BarChart>
    </ChartFrame>
  );
}

export function NoShowPerDoctorChart({ doctors }: { doctors: DoctorNoShow[] }) {
  const theme = useMantineTheme();
  const data = doctors
    .filter((d) => d.rate !== null)
    .map((d) => ({ name: d.name, rate: Math.round((d.rate ?? 0) * 1000) / 10, due: d.due }));
  return (
    <ChartFrame
      title="No-show rate per doctor"
      description="No-shows as a share of the appointments that were due this month."
      empty={data.length === 0}
      emptyText="No appointments were due yet this month."
      height={Math.max(220, data.length * 22 + 40)}
    >
      <BarChart data={data} layout="vertical" margin={{ top: 4, right: 16, bottom: 0, left: 8 }}>
        <CartesianGrid strokeDasharray="3 3" horizontal={false} />
        <XAxis type="number" unit="%" tick={{ fontSize: 12 }} />
        <YAxis type="category" dataKey="name" width={150} tick={{ fontSize: 12 }} interval={0} />
        <Tooltip formatter={(value) => percent(Number(value) / 100)} />
        <Bar dataKey="rate" name="No-show rate" fill={theme.colors.red?.[6]} isAnimationActive={false} />
      </BarChart>
    </ChartFrame>
  );
}
