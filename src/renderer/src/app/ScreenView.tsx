import type { ComponentType } from 'react';
import { AuditScreen } from '../features/audit/AuditScreen';
import { DepartmentsScreen } from '../features/departments/DepartmentsScreen';
import { DoctorsScreen } from '../features/doctors/DoctorsScreen';
import { ComingSoon } from '../features/placeholder/ComingSoon';
import { CalendarScreen } from '../features/calendar/CalendarScreen';
import { PatientsScreen } from '../features/patients/PatientsScreen';
import { SettingsScreen } from '../features/settings/SettingsScreen';
import { StaffScreen } from '../features/staff/StaffScreen';
import { TodayScreen } from '../features/today/TodayScreen';
import { MyDayScreen } from '../features/visits/MyDayScreen';
import { ExportsScreen } from '../features/exports/ExportsScreen';
import { JobsScreen } from '../features/jobs/JobsScreen';
import { FollowUpsScreen } from '../features/followUps/FollowUpsScreen';
import { MyReportsScreen } from '../features/reports/MyReportsScreen';
import { DashboardScreen } from '../features/stats/DashboardScreen';
import { SCREENS, type ScreenId } from './navigation';

/** The finished screens; add a feature folder and one line here when a screen becomes ready. */
const READY: Partial<Record<ScreenId, ComponentType>> = {
  patients: PatientsScreen,
  staff: StaffScreen,
  doctors: DoctorsScreen,
  departments: DepartmentsScreen,
  audit: AuditScreen,
  settings: SettingsScreen,
  today: TodayScreen,
  calendar: CalendarScreen,
  'my-day': MyDayScreen,
  'my-reports': MyReportsScreen,
  exports: ExportsScreen,
  jobs: JobsScreen,
  'follow-ups': FollowUpsScreen,
  dashboard: DashboardScreen,
};

export function ScreenView({ screen }: { screen: ScreenId }) {
  const Screen = READY[screen];
  return Screen ? <Screen /> : <ComingSoon title={SCREENS[screen].label} />;
}
