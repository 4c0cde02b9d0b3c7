import { MantineProvider } from '@mantine/core';
import { Notifications } from '@mantine/notifications';
import { QueryClientProvider } from '@tanstack/react-query';
import { createRoot } from 'react-dom/client';
import { DepartmentsScreen } from '../../../../src/renderer/src/features/departments/DepartmentsScreen';
import { createQueryClient } from '../../../../src/renderer/src/lib/queryClient';
import type { ClinicDeskBridge } from '../../../../src/shared/bridge';
import type { DepartmentSummary } from '../../../../src/shared/channels/departments';
import type { Result } from '../../../../src/shared/result';

/**
 * The real Departments screen in a page, over a stand-in bridge (the desktop app's transport):
 * one retired department, and main refuses to reinstate it. Built with esbuild by the test.
 */
const retired: DepartmentSummary = {
  id: 7,
  name: 'Dermatology',
  description: 'Skin',
  active: false,
  doctorCount: 0,
};

const answers: Record<string, Result<unknown>> = {
  'departments/list': { ok: true, value: [retired] },
  'departments/setActive': {
    ok: false,
    error: { code: 'conflict', message: 'This department cannot be reinstated right now.' },
  },
};

const bridge: ClinicDeskBridge = {
  invoke: (channel) =>
    Promise.resolve(
      answers[channel] ?? { ok: false, error: { code: 'internal', message: `No stand-in for ${channel}` } },
    ),
  onEvent: () => () => undefined,
};
window.clinicDesk = bridge;

const root = document.getElementById('root');
if (!root) throw new Error('The harness page has no #root.');
createRoot(root).render(
  <MantineProvider>
    <Notifications />
    <QueryClientProvider client={createQueryClient()}>
      <DepartmentsScreen />
    </QueryClientProvider>
  </MantineProvider>,
);
