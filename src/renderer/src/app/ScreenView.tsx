import type { ComponentType } from 'react';
import { ComingSoon } from '../features/placeholder/ComingSoon';
import { PatientsScreen } from '../features/patients/PatientsScreen';
import { ExportsScreen } from '../features/exports/ExportsScreen';
import { JobsScreen } from '../features/jobs/JobsScreen';
import { MyReportsScreen } from '../features/reports/MyReportsScreen';
import { SCREENS, type ScreenId } from './navigation';

/** The finished screens; add a feature folder and one line here when a screen becomes ready. */
const READY: Partial<Record<ScreenId, ComponentType>> = {
  patients: PatientsScreen,
  'my-reports': MyReportsScreen,
  exports: ExportsScreen,
  jobs: JobsScreen,
};

export function ScreenView({ screen }: { screen: ScreenId }) {
  const Screen = READY[screen];
  return Screen ? <Screen /> : <ComingSoon title={SCREENS[screen].label} />;
}
