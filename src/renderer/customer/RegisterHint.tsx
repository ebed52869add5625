import { Anchor, Text } from '@mantine/core';
import { registerPrefill } from './registerPrefill';
import { t } from '../i18n';
import { hrefOf } from '../route';
import { registerSystemOn } from './onScreen';

/**
 * Under a lookup that found nobody: register the caller, with what was typed filled in; and a
 * tag, on the record of the customer on screen (`onScreen`, when the lookup was made there).
 */
export function RegisterHint({ query, onScreen = null, onGo }: { query: string; onScreen?: { id: string; name: string } | null; onGo: () => void }) {
  const q = query.trim();
  const tag = registerPrefill(q).serviceTag;
  return (
    <>
      <Text size="sm" mt={6}>
        <Anchor href={hrefOf({ name: 'register', query: q })} onClick={onGo} fw={600} underline="always">
          {tag !== null ? t('record.registerTag', { tag }) : t('record.registerNew')}
        </Anchor>
      </Text>
      {tag !== null && onScreen !== null && (
        <Text size="sm" mt={4}>
          <Anchor
            href={window.location.hash || '#/'}
            onClick={(e) => {
              e.preventDefault();
              onGo();
              registerSystemOn(onScreen.id, tag);
            }}
            fw={600}
            underline="always"
          >
            {t('lookup.registerOn', { tag, name: onScreen.name })}
          </Anchor>
        </Text>
      )}
    </>
  );
}
