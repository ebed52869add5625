import { SegmentedControl } from '@mantine/core';
import { LANGUAGES, isLanguageForced, localeState, t, type Language } from '../i18n';
import { chooseLanguage } from '../language';

/** English | فارسی, each name in its own language (lang set so it is read and checked as such). */
export function LanguagePicker({ userId }: { userId: string | null }) {
  const { language } = localeState();
  return (
    <SegmentedControl
      size="xs"
      aria-label={t('language.label')}
      value={language}
      disabled={isLanguageForced()}
      onChange={(value) => chooseLanguage(userId, value as Language)}
      data={LANGUAGES.map((l) => ({ value: l, label: <span lang={l}>{t(`language.${l}`)}</span> }))}
    />
  );
}
