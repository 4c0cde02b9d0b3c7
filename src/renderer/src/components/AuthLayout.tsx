import { Box, Center, Paper, Stack, Text, Title } from '@mantine/core';
import type { ReactNode } from 'react';
import { Brand } from './Brand';

interface AuthLayoutProps {
  clinicName: string;
  title: string;
  description: string;
  children: ReactNode;
  /** Shown under the card, e.g. the demo logins. */
  aside?: ReactNode;
}

/** The frame shared by the screens shown before anyone is signed in. */
export function AuthLayout({ clinicName, title, description, children, aside }: AuthLayoutProps) {
  return (
    <Box mih="100vh" bg="gray.0" py={48} px="md">
      <Center>
        <Stack w="100%" maw={aside ? 560 : 440} gap="lg">
          <Center>
            <Brand subtitle={clinicName} />
          </Center>
          <Paper withBorder shadow="sm" p="xl" component="main">
            <Stack gap={4} mb="lg">
              <Title order={1} size="h3">
                {title}
              </Title>
              <Text c="dimmed" size="sm">
                {description}
              </Text>
            </Stack>
            {children}
          </Paper>
          {aside}
        </Stack>
      </Center>
    </Box>
  );
}
