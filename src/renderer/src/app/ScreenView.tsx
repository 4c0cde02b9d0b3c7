import type { ComponentType } from 'react';
import { ComingSoon } from '../features/placeholder/ComingSoon';
import { PatientsScreen } from '../features/patients/PatientsScreen';
import { DashboardScreen } from '../features/stats/DashboardScreen';
import { SCREENS, type ScreenId } from './navigation';

/** The finished screens; add a feature folder and one line here when a screen becomes ready. */
const READY: Partial<Record<ScreenId, ComponentType>> = {
  patients: PatientsScreen,
  dashboard: DashboardScreen,
};

export function ScreenView({ screen }: { screen: ScreenId }) {
  const Screen = READY[screen];
  return Screen ? <Screen /> : <ComingSoon title={SCREENS[screen].label} />;
}
