import '@mantine/core/styles.css';
import '@mantine/dates/styles.css';
import '@mantine/notifications/styles.css';
import { MantineProvider } from '@mantine/core';
import { Notifications } from '@mantine/notifications';
import { QueryClientProvider } from '@tanstack/react-query';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { z } from 'zod';
import { Root } from './app/Root';
import { createQueryClient } from './lib/queryClient';
import { cssVariablesResolver, theme } from './theme';

// The CSP forbids eval; without this zod probes `new Function` and the console logs a violation.
z.config({ jitless: true });

const container = document.getElementById('root');
if (!container) throw new Error('index.html has no #root element.');

createRoot(container).render(
  <StrictMode>
    <MantineProvider theme={theme} cssVariablesResolver={cssVariablesResolver} defaultColorScheme="light">
      <Notifications position="bottom-right" />
      <QueryClientProvider client={createQueryClient()}>
        <Root />
      </QueryClientProvider>
    </MantineProvider>
  </StrictMode>,
);
