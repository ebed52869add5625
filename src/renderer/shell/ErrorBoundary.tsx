import { Alert, Button, Stack, Text } from '@mantine/core';
import { Component, type ReactNode } from 'react';
import { t } from '../i18n';

/** A page that throws while rendering shows what happened instead of a blank window. */
export class ErrorBoundary extends Component<{ children: ReactNode }, { error: Error | null }> {
  override state: { error: Error | null } = { error: null };

  static getDerivedStateFromError(error: unknown): { error: Error } {
    return { error: error instanceof Error ? error : new Error(String(error)) };
  }

  override render() {
    if (!this.state.error) return this.props.children;
    return (
      <Stack maw={560} p="md">
        <Alert color="red" role="alert" title={t('error.pageTitle')}>
          <Text size="sm">{this.state.error.message}</Text>
        </Alert>
        <Button variant="light" onClick={() => this.setState({ error: null })} w="fit-content">
          {t('common.retry')}
        </Button>
      </Stack>
    );
  }
}
