import { Button, Group, Stack, TextInput } from '@mantine/core';
import { IconPlugConnected } from '@tabler/icons-react';
import { useRef, useState, type FormEvent } from 'react';
import type { Output } from '../../shared/api';
import { HUB_ADDRESS_EXAMPLE } from '../../shared/hubAddress';
import { call, problemOf } from '../backend';
import { t } from '../i18n';

/**
 * The hub's address and "Join hub": the first-start screen's third choice and the People page
 * of an admin at a desk alone; with another label, a joined desk's change of address (its
 * People page, and its sign-in screen while nothing answers and nobody has signed in there).
 * The desk checks the address (shared/hubAddress.ts), that a hub answers there (a few seconds)
 * and who may join (access.ts mayJoinHub); a refusal is said under the field, and what was
 * typed stays.
 */
export function JoinHubForm({
  initialUrl = '',
  disabled = false,
  submitLabel,
  onCancel,
  onJoined,
}: {
  initialUrl?: string;
  disabled?: boolean;
  submitLabel?: string;
  onCancel?: () => void;
  onJoined: (status: Output<'hub.join'>) => Promise<void> | void;
}) {
  const [url, setUrl] = useState(initialUrl);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const field = useRef<HTMLInputElement>(null);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      const status = await call('hub.join', { url });
      await onJoined(status);
    } catch (failure) {
      setError(problemOf(failure).message);
      field.current?.focus();
    } finally {
      setBusy(false);
    }
  };

  return (
    <form onSubmit={(e) => void submit(e)} noValidate>
      <Stack gap="sm">
        <TextInput
          ref={field}
          label={t('hubJoin.url')}
          description={t('hubJoin.urlHint', { example: HUB_ADDRESS_EXAMPLE })}
          placeholder={HUB_ADDRESS_EXAMPLE}
          // Addresses read left to right in a Persian page too.
          dir="ltr"
          type="url"
          inputMode="url"
          autoComplete="url"
          spellCheck={false}
          value={url}
          onChange={(e) => setUrl(e.currentTarget.value)}
          error={error}
          disabled={disabled}
        />
        <Group>
          <Button type="submit" leftSection={<IconPlugConnected size={16} />} loading={busy} disabled={disabled}>
            {submitLabel ?? t('hubJoin.submit')}
          </Button>
          {onCancel && (
            <Button variant="default" onClick={onCancel} disabled={busy}>
              {t('common.cancel')}
            </Button>
          )}
        </Group>
      </Stack>
    </form>
  );
}
