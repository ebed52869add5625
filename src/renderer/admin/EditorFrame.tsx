import { Alert, Anchor, Badge, Button, Grid, Group, Stack, Text, TextInput } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconArrowBackUp, IconDeviceFloppy } from '@tabler/icons-react';
import { useEffect, useRef, useState, type ReactNode } from 'react';
import { problemOf, type Problem } from '../backend';
import { ownDirection } from '../direction';
import { keptDraft, useDraft } from '../drafts';
import { t } from '../i18n';
import { HINT_UNDER, PageHeader } from '../page';
import { hrefOf, navigate } from '../route';
import { editorIssues, issueIndex, keptDraftDiffers, serverIssues, slugify, storedChange, unplacedIssues, type Issue } from './forms';
import classes from './SlaSettings.module.css';

// What the policy and calendar editors have in common: a draft kept across reloads until the
// desk accepts it, a new item's id that must be free, the desk's refusal shown until the next
// edit, and the page around the form (back link, header, refusal, unsaved badge, discard/save).

/** The draft fields every settings editor has: a name and an id slugged from it until typed. */

export interface NamedDraft {
  id: string;
  idEdited: boolean;
  name: string;
}

export interface SettingsEditorOptions<D extends NamedDraft, V extends { id: string; name: string }> {
  draftKey: string;
  initial: D;
  isNew: boolean;
  readOnly: boolean;
  /** What the draft would save as. */
  valueOf: (draft: D) => V;
  /** The stored item as `valueOf` would produce it, or null for a new one. */
  original: V | null;
  /** The schema's issues for a candidate value; `tried`: a save was tried (issues may wait until then). */
  validate: (value: V, tried: boolean) => Issue[];
  /**
   * What is typed that is no value at all (a number field holding "1e5"): said under its field in
   * place of the rules' issues there, and a save stops here (the desk would be sent no number).
   */
  unreadable?: (draft: D) => Issue[];
  takenIds: string[];
  /** Top-level paths that have a field of their own; any other issue goes in the alert. */
  placed: string[];
  persist: (value: V) => Promise<{ id: string; name: string }>;
  /** What the notice says once saved (a shipped item named in the reader's language: slaSavedMessage). */
  savedMessage: (saved: { id: string; name: string }) => string;
  /**
   * Runs the save and reads the settings once after it (SlaSettingsPage): the save's own push
   * is not read a second time.
   */
  saving: <T>(persist: () => Promise<T>) => Promise<T>;
}

export function useSettingsEditor<D extends NamedDraft, V extends { id: string; name: string }>(o: SettingsEditorOptions<D, V>) {
  // Changes typed on an earlier visit (kept in the session, a reload too) are said as the editor
  // opens, with a way to drop them: they used to be there silently, as if saved.
  const [earlier, setEarlier] = useState(() => !o.readOnly && keptDraftDiffers(keptDraft<D>(o.draftKey), o.initial, o.valueOf));
  const [draft, setDraft, clearDraft] = useDraft<D>(o.draftKey, o.initial);
  const [problem, setProblem] = useState<Problem | null>(null);
  const [busy, setBusy] = useState(false);
  const { isNew, readOnly } = o;
  // A refused save takes the keyboard to the first field it marked (the busy Save button had
  // lost focus, and the page's heading was six Tabs away from the field to fix).
  const toFirstInvalid = useRef(false);
  useEffect(() => {
    if (!problem || !toFirstInvalid.current) return;
    toFirstInvalid.current = false;
    document.querySelector<HTMLElement>('#main [aria-invalid="true"]')?.focus();
  }, [problem, busy]);

  const edit = (patch: Partial<D>) => {
    setProblem(null);
    setDraft(patch);
  };

  // Local issues as you type; after a refused save, the desk's, with the editor's own for
  // the fields the desk did not name, until the next edit.
  const candidate = o.valueOf(draft);
  const dirty = o.original ? JSON.stringify(candidate) !== JSON.stringify(o.original) : true;
  const [tried, setTried] = useState(false);
  const unreadable = o.unreadable?.(draft) ?? [];
  const unreadablePaths = new Set(unreadable.map((i) => i.path));
  const judged = [...unreadable, ...o.validate(candidate, tried).filter((i) => !unreadablePaths.has(i.path))];
  const { local, shown } = editorIssues({ issues: judged, id: candidate.id, name: candidate.name, isNew, takenIds: o.takenIds, tried });
  const issues: Issue[] = readOnly ? (problem ? serverIssues(problem) : []) : problem ? serverIssues(problem, shown) : shown;
  const { at, under } = issueIndex(issues);
  const others = problem ? unplacedIssues(issues, (p) => o.placed.some((f) => p === f || p.startsWith(`${f}.`))) : [];

  // Saved elsewhere meanwhile (another window, or the hub; the settings are live): a form
  // holding nothing of the person's own shows the new version; one they typed into keeps it,
  // says so, and offers the saved version.
  const stored = o.original ? JSON.stringify(o.original) : null;
  const [seen, setSeen] = useState(stored);
  const change = storedChange(seen, stored, JSON.stringify(candidate));
  const loadSaved = () => {
    setProblem(null);
    setDraft(o.initial);
    setSeen(stored);
  };
  useEffect(() => {
    if (change === 'follow') loadSaved();
    // eslint-disable-next-line react-hooks/exhaustive-deps -- on a change of what is stored only
  }, [change, stored]);

  const save = async () => {
    setTried(true);
    // The desk cannot judge an id it has not been sent, so a missing or taken one stops here, as
    // does a field that holds no number; so does a missing name (the desk would refuse it in the schema's words, not ours).
    const first = local.filter((i) => i.path === 'name' || (isNew && i.path === 'id') || unreadablePaths.has(i.path));
    if (first.length > 0) {
      toFirstInvalid.current = true;
      setProblem({ code: 'invalid_input', message: t('act.fixFields'), issues: first });
      return;
    }
    setBusy(true);
    setProblem(null);
    try {
      const saved = await o.saving(() => o.persist(candidate));
      clearDraft();
      notifications.show({ color: 'teal', message: o.savedMessage(saved) });
      navigate(hrefOf({ name: 'slaSettings' }));
    } catch (error) {
      toFirstInvalid.current = true;
      setProblem(problemOf(error));
    } finally {
      setBusy(false);
    }
  };

  const discard = () => {
    clearDraft();
    setProblem(null);
    navigate(hrefOf({ name: 'slaSettings' }));
  };

  const discardEarlier = () => {
    clearDraft();
    setProblem(null);
    setEarlier(false);
  };

  const frame = { fromEarlier: earlier && dirty, onDiscardEarlier: discardEarlier, readOnly, isNew, dirty, busy, problem, issues, others, onSave: save, onDiscard: discard, changedElsewhere: change === 'tell', onLoadSaved: loadSaved };
  return { draft, edit, at, under, frame };
}

type FrameState = ReturnType<typeof useSettingsEditor>['frame'];

export function EditorFrame({
  title,
  description,
  saveLabel,
  children,
  readOnly,
  isNew,
  dirty,
  busy,
  problem,
  issues,
  others,
  onSave,
  onDiscard,
  changedElsewhere,
  onLoadSaved,
  fromEarlier,
  onDiscardEarlier,
}: FrameState & { title: string; description: string; saveLabel: string; children: ReactNode }) {
  return (
    <>
      <Anchor href={hrefOf({ name: 'slaSettings' })} size="sm" className={classes.back}>
        <IconArrowBackUp size={14} aria-hidden /> {t('slaEdit.back')}
      </Anchor>
      <PageHeader title={title} description={description} />
      <form
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          if (!readOnly) void onSave();
        }}
      >
        <Stack gap="md">
          {fromEarlier && !readOnly && <Offer title={t('slaEdit.fromEarlier')} text={t('slaEdit.fromEarlierText')} action={t('slaEdit.discard')} onAction={onDiscardEarlier} />}
          {changedElsewhere && <Offer title={t('slaEdit.changedElsewhere')} text={t('slaEdit.changedElsewhereText')} action={t('slaEdit.loadSaved')} onAction={onLoadSaved} />}
          {problem && (
            <Alert color="red" role="alert" title={t('slaEdit.notSaved')}>
              <Text size="sm">{others.length === 0 && issues.length > 0 ? t('act.fixFields') : problem.message}</Text>
              {others.map((i) => (
                <Text size="sm" key={`${i.path}-${i.message}`}>
                  {i.message}
                </Text>
              ))}
            </Alert>
          )}
          {children}
          {!readOnly && (
            <Group justify="flex-end" gap="xs">
              {dirty && !isNew && (
                <Badge color="yellow" variant="light" tt="none" size="lg" role="status">
                  {t('slaEdit.unsaved')}
                </Badge>
              )}
              <Button variant="default" onClick={onDiscard}>
                {t('slaEdit.discard')}
              </Button>
              <Button type="submit" loading={busy} leftSection={<IconDeviceFloppy size={16} />}>
                {saveLabel}
              </Button>
            </Group>
          )}
        </Stack>
      </form>
    </>
  );
}

/** Shown in place of the editor when the address names an item that does not exist. */
export function MissingItem({ title }: { title: string }) {
  return (
    <Alert color="red" role="alert" title={title}>
      <Anchor href={hrefOf({ name: 'slaSettings' })}>{t('slaEdit.back')}</Anchor>
    </Alert>
  );
}

/** Name and id, side by side; a new item's id follows its name until the id is typed. */
export function NameAndIdFields<D extends NamedDraft>({
  draft,
  edit,
  at,
  isNew,
  readOnly,
}: {
  draft: D;
  edit: (patch: Partial<D>) => void;
  at: (path: string) => string | undefined;
  isNew: boolean;
  readOnly: boolean;
}) {
  return (
    <>
      <Grid.Col span={{ base: 12, sm: 6 }}>
        <TextInput
          label={t('slaEdit.name')}
          value={draft.name}
          // The name's own direction: a Latin name in a Persian window read from the right and,
          // too long for the box, showed its end ("00, Thursday to 13:00, official holidays").
          ref={ownDirection}
          readOnly={readOnly}
          withAsterisk={!readOnly}
          onChange={(e) => {
            const name = e.currentTarget.value;
            edit((isNew && !draft.idEdited ? { name, id: slugify(name) } : { name }) as Partial<D>);
          }}
          error={at('name')}
        />
      </Grid.Col>
      <Grid.Col span={{ base: 12, sm: 6 }}>
        <TextInput
          label={t('slaEdit.id')}
          description={isNew ? t('slaEdit.idHint') : undefined}
          inputWrapperOrder={HINT_UNDER}
          value={draft.id}
          readOnly={readOnly || !isNew}
          withAsterisk={isNew}
          onChange={(e) => edit({ id: e.currentTarget.value, idEdited: true } as Partial<D>)}
          error={at('id')}
          styles={{ input: { fontFamily: 'var(--mantine-font-family-monospace)' } }}
        />
      </Grid.Col>
    </>
  );
}

/** A notice about the form's text (a draft from earlier, a change saved elsewhere) with the one thing to do about it. */
function Offer({ title, text, action, onAction }: { title: string; text: string; action: string; onAction: () => void }) {
  return (
    <Alert color="yellow" role="status" title={title}>
      <Text size="sm">{text}</Text>
      <Button variant="default" size="xs" mt="xs" onClick={onAction}>
        {action}
      </Button>
    </Alert>
  );
}
