import { FullPageError, FullPageLoader } from '../components/StatusScreens';
import { SetupScreen } from '../features/auth/SetupScreen';
import { SignInScreen } from '../features/auth/SignInScreen';
import { errorMessage, useChannelQuery } from '../lib/api';
import { useSession } from '../lib/session';
import { useJobNotifications } from '../lib/useJobEvents';
import { useServerEvents } from '../lib/useServerEvents';
import { AppFrame } from './AppFrame';

/** Decides between first-run setup, sign-in and the app for the signed-in person's role. */
export function Root() {
  useServerEvents();
  useJobNotifications();
  const status = useChannelQuery('auth/setupStatus', {});
  const session = useSession();

  if (status.isError)
    return <FullPageError message={errorMessage(status.error)} onRetry={() => void status.refetch()} />;
  if (!status.data) return <FullPageLoader label="Opening Clinic Desk…" />;
  if (status.data.needsSetup) return <SetupScreen clinicName={status.data.clinicName} />;
  // A failed session check (e.g. expired preview link) lands on sign-in, which explains on submit.
  if (session.isPending) return <FullPageLoader label="Checking your session…" />;
  if (!session.data) return <SignInScreen status={status.data} />;
  return <AppFrame session={session.data} clinicName={status.data.clinicName} />;
}
