import { Anchor, Text } from '@mantine/core';
import { registersAsTag } from '../../shared/serviceTag';
import { t } from '../i18n';
import { hrefOf } from '../route';

/** Under a lookup that found nobody: register the caller, with what was typed filled in. */
export function RegisterHint({ query, onGo }: { query: string; onGo: () => void }) {
  const q = query.trim();
  return (
    <Text size="sm" mt={6}>
      <Anchor href={hrefOf({ name: 'register', query: q })} onClick={onGo} fw={600} underline="always">
        {registersAsTag(q) ? t('record.registerTag', { tag: q.toUpperCase() }) : t('record.registerNew')}
      </Anchor>
    </Text>
  );
}
