import { Anchor, Text } from '@mantine/core';
import { registerPrefill } from './registerPrefill';
import { t } from '../i18n';
import { hrefOf } from '../route';

/** Under a lookup that found nobody: register the caller, with what was typed filled in. */
export function RegisterHint({ query, onGo }: { query: string; onGo: () => void }) {
  const q = query.trim();
  const tag = registerPrefill(q).serviceTag;
  return (
    <Text size="sm" mt={6}>
      <Anchor href={hrefOf({ name: 'register', query: q })} onClick={onGo} fw={600} underline="always">
        {tag !== null ? t('record.registerTag', { tag }) : t('record.registerNew')}
      </Anchor>
    </Text>
  );
}
