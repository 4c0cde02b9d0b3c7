import type { ComponentType } from 'react';
import { ComingSoon } from '../features/placeholder/ComingSoon';
import { CalendarScreen } from '../features/calendar/CalendarScreen';
import { PatientsScreen } from '../features/patients/PatientsScreen';
import { TodayScreen } from '../features/today/TodayScreen';
import { MyDayScreen } from '../features/visits/MyDayScreen';
import { SCREENS, type ScreenId } from './navigation';

/** The finished screens; add a feature folder and one line here when a screen becomes ready. */
const READY: Partial<Record<ScreenId, ComponentType>> = {
  patients: PatientsScreen,
  today: TodayScreen,
  calendar: CalendarScreen,
  'my-day': MyDayScreen,
};

export function ScreenView({ screen }: { screen: ScreenId }) {
  const Screen = READY[screen];
  return Screen ? <Screen /> : <ComingSoon title={SCREENS[screen].label} />;
}
