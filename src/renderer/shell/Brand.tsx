import { Group, Text, ThemeIcon } from '@mantine/core';
import { IconHeadset } from '@tabler/icons-react';
import { t } from '../i18n';

export function Brand({ size = 'md', withName = true }: { size?: 'md' | 'lg'; withName?: boolean }) {
  return (
    <Group gap={8} wrap="nowrap">
      <ThemeIcon size={size === 'lg' ? 40 : 30} radius="md" variant="gradient" gradient={{ from: 'indigo.6', to: 'cyan.5', deg: 135 }} aria-hidden>
        <IconHeadset size={size === 'lg' ? 24 : 18} stroke={1.8} />
      </ThemeIcon>
      {withName && (
        <Text fw={700} fz={size === 'lg' ? 22 : 17} lts={-0.2}>
          {t('app.name')}
        </Text>
      )}
    </Group>
  );
}
