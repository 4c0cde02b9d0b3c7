import { Center, Loader } from '@mantine/core';
import { lazy, Suspense, type ComponentType, type LazyExoticComponent } from 'react';
import { ComingSoon } from '../features/placeholder/ComingSoon';
import { CalendarScreen } from '../features/calendar/CalendarScreen';
import { PatientsScreen } from '../features/patients/PatientsScreen';
import { TodayScreen } from '../features/today/TodayScreen';
import { ExportsScreen } from '../features/exports/ExportsScreen';
import { SCREENS, type ScreenId } from './navigation';

/**
 * A screen loaded on demand, in its own chunk: the front desk's screens (above) are in the main
 * bundle; the admin screens, the doctors' screens and the charts are fetched the first time they
 * are opened, so the window the receptionist uses all day starts from a smaller bundle.
 */
const onDemand = <K extends string>(
  load: () => Promise<Record<K, ComponentType>>,
  name: K,
): LazyExoticComponent<ComponentType> => lazy(() => load().then((module) => ({ default: module[name] })));

/** The finished screens; add a feature folder and one line here when a screen becomes ready. */
const READY: Partial<Record<ScreenId, ComponentType>> = {
  patients: PatientsScreen,
  today: TodayScreen,
  calendar: CalendarScreen,
  exports: ExportsScreen,
  staff: onDemand(() => import('../features/staff/StaffScreen'), 'StaffScreen'),
  doctors: onDemand(() => import('../features/doctors/DoctorsScreen'), 'DoctorsScreen'),
  departments: onDemand(() => import('../features/departments/DepartmentsScreen'), 'DepartmentsScreen'),
  audit: onDemand(() => import('../features/audit/AuditScreen'), 'AuditScreen'),
  settings: onDemand(() => import('../features/settings/SettingsScreen'), 'SettingsScreen'),
  'my-day': onDemand(() => import('../features/visits/MyDayScreen'), 'MyDayScreen'),
  'my-reports': onDemand(() => import('../features/reports/MyReportsScreen'), 'MyReportsScreen'),
  jobs: onDemand(() => import('../features/jobs/JobsScreen'), 'JobsScreen'),
  dashboard: onDemand(() => import('../features/stats/DashboardScreen'), 'DashboardScreen'),
  'follow-ups': onDemand(() => import('../features/followUps/FollowUpsScreen'), 'FollowUpsScreen'),
};

export function ScreenView({ screen }: { screen: ScreenId }) {
  const Screen = READY[screen];
  return Screen ? (
    <Suspense
      fallback={
        <Center p="xl">
          <Loader aria-label="Loading" />
        </Center>
      }
    >
      <Screen />
    </Suspense>
  ) : (
    <ComingSoon title={SCREENS[screen].label} />
  );
}
