import { Alert, Anchor, Badge, Button, Grid, Group, Radio, Stack, Text, TextInput } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconArrowBackUp, IconDeviceFloppy } from '@tabler/icons-react';
import { useEffect, useRef, useState, type ReactNode } from 'react';
import type { SettingsExpected, SlaSettings } from '../../shared/api';
import { chooseMerged, fieldsOfRecord, threeWayMerge } from '../../shared/settingsMerge';
import { problemNow, problemOf, type Problem } from '../backend';
import { ownDirection } from '../direction';
import { keptDraft, useDraft } from '../drafts';
import { formatDateTime, t } from '../i18n';
import { fieldLabel, valueText } from './mergeText';
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
  entity: 'policy' | 'calendar';
  /** The settings as read (for naming a merge's values: a calendar's name) and who saved what last. */
  settings: SlaSettings;
  /** The draft showing a value (a merged one). */
  draftOf: (value: V) => D;
  /** The item exactly as the desk stores it (a policy without its version), or null for a new one: a save sends the one it began from. */
  stored: Record<string, unknown> | null;
  /** A policy's version as stored. */
  version?: number;
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
  /** Saves; `expected` is the stored item the editing began from (the desk refuses the save over a newer one). */
  persist: (value: V, expected: SettingsExpected) => Promise<{ id: string; name: string; retiming?: boolean }>;
  /** What the notice says once saved (a shipped item named in the reader's language, and a re-time of open tickets under way: slaSavedMessage). */
  savedMessage: (saved: { id: string; name: string; retiming?: boolean }) => string;
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
  // The desk's refusal as it said it (said anew in the language of the moment: problemNow), or
  // 'fields': this editor's own stop (a missing name or id, an unreadable number), worded at each render.
  const [refused, setProblem] = useState<Problem | 'fields' | null>(null);
  const [busy, setBusy] = useState(false);
  const { isNew, readOnly } = o;
  // A refused save takes the keyboard to the first field it marked (the busy Save button had
  // lost focus, and the page's heading was six Tabs away from the field to fix).
  const toFirstInvalid = useRef(false);
  useEffect(() => {
    if (!refused || !toFirstInvalid.current) return;
    toFirstInvalid.current = false;
    document.querySelector<HTMLElement>('#main [aria-invalid="true"]')?.focus();
  }, [refused, busy]);

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
  // What stops a save before the desk is asked: the desk cannot judge an id it has not been sent,
  // so a missing or taken one stops here, as does a field that holds no number; so does a missing
  // name (the desk would refuse it in the schema's words, not ours).
  const first = local.filter((i) => i.path === 'name' || (isNew && i.path === 'id') || unreadablePaths.has(i.path));
  const problem: Problem | null = refused === 'fields' ? { code: 'invalid_input', message: t('act.fixFields'), issues: first } : refused;
  const issues: Issue[] = readOnly ? (problem ? serverIssues(problem) : []) : problem ? serverIssues(problem, shown) : shown;
  const { at, under } = issueIndex(issues);
  const others = problem ? unplacedIssues(issues, (p) => o.placed.some((f) => p === f || p.startsWith(`${f}.`))) : [];

  // Saved elsewhere meanwhile (another window, or the hub; the settings are live): a form
  // holding nothing of the person's own shows the new version; one they typed into keeps it,
  // says so, and offers the saved version.
  const stored = o.original ? JSON.stringify(o.original) : null;
  // What the editing began from: what a save says it expects, and a merge's base.
  const current = { seen: stored, value: o.original, record: o.stored, version: o.version };
  const [start, setStart] = useState(current);
  const seen = start.seen;
  const change = storedChange(seen, stored, JSON.stringify(candidate));
  // A merge on show: my choice for each field we both changed (mine unless chosen); the merge itself is worked out from what is stored now.
  const [choices, setChoices] = useState<Record<string, 'mine' | 'theirs'> | null>(null);
  const result = choices && o.original && start.value ? threeWayMerge(o.entity, start.value as V & Record<string, unknown>, candidate as V & Record<string, unknown>, o.original as V & Record<string, unknown>) : null;
  const merge = result && choices ? { result, choices } : null;
  const loadSaved = () => {
    setProblem(null);
    setChoices(null);
    setDraft(o.initial);
    setStart(current);
  };
  /** Their version and mine, field by field (settingsMerge.ts): shown until applied or put off. */
  const startMerge = () => setChoices({});
  const applyMerge = () => {
    if (!merge) return;
    setProblem(null);
    setDraft(o.draftOf(chooseMerged(merge.result, merge.choices)));
    setStart(current);
    setChoices(null);
  };
  const choose = (path: string, side: 'mine' | 'theirs') => setChoices((c) => ({ ...c, [path]: side }));
  const savedBy = o.settings.lastSaved.find((x) => x.entity === o.entity && x.id === candidate.id) ?? null;
  useEffect(() => {
    if (change === 'follow') loadSaved();
    // eslint-disable-next-line react-hooks/exhaustive-deps -- on a change of what is stored only
  }, [change, stored]);

  const save = async () => {
    setTried(true);
    if (first.length > 0) {
      toFirstInvalid.current = true;
      setProblem('fields');
      return;
    }
    setBusy(true);
    setProblem(null);
    try {
      const expected: SettingsExpected = isNew ? { record: null } : { record: start.record, ...(start.version === undefined ? {} : { version: start.version }) };
      const saved = await o.saving(() => o.persist(candidate, expected));
      clearDraft();
      // Named while a re-time follows: a failed one takes its place (RetimedWatch), not left saying "Re-timing…".
      notifications.show({ color: 'teal', message: o.savedMessage(saved), ...(saved.retiming ? { id: `sla-retiming-${saved.id}` } : {}) });
      navigate(hrefOf({ name: 'slaSettings' }));
    } catch (error) {
      const p = problemOf(error);
      // Saved by someone else since this editing began: nothing typed is dropped; the merge shows both.
      if (p.code === 'conflict' && !isNew) startMerge();
      else toFirstInvalid.current = true;
      setProblem(p);
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

  const frame = { fromEarlier: earlier && dirty, onDiscardEarlier: discardEarlier, readOnly, isNew, dirty, busy, problem, issues, others, onSave: save, onDiscard: discard, changedElsewhere: change === 'tell' && !merge, onLoadSaved: loadSaved, onMerge: startMerge,
    merge: merge ? { ...merge, entity: o.entity, settings: o.settings, savedBy } : null, onChoose: choose, onApplyMerge: applyMerge, onCancelMerge: () => setChoices(null) };
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
  onMerge,
  merge,
  onChoose,
  onApplyMerge,
  onCancelMerge,
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
          {changedElsewhere && (
            <Offer title={t('slaEdit.changedElsewhere')} text={t('slaEdit.changedElsewhereText')} action={t('slaEdit.loadSaved')} onAction={onLoadSaved} first={{ label: t('slaEdit.mergeOffer'), onClick: onMerge }} />
          )}
          {problem && (
            <Alert color="red" role="alert" title={t('slaEdit.notSaved')}>
              {/* Said in the language of the moment (problemNow): a switch of language after the refusal left it in English. */}
              <Text size="sm">{others.length === 0 && issues.length > 0 ? t('act.fixFields') : problemNow(problem).message}</Text>
              {others.map((i) => (
                <Text size="sm" key={`${i.path}-${i.message}`}>
                  {i.message}
                </Text>
              ))}
            </Alert>
          )}
          {merge && !readOnly && <MergePanel merge={merge} onChoose={onChoose} onApply={onApplyMerge} onCancel={onCancelMerge} />}
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
function Offer({ title, text, action, onAction, first }: { title: string; text: string; action: string; onAction: () => void; first?: { label: string; onClick: () => void } }) {
  return (
    <Alert color="yellow" role="status" title={title}>
      <Text size="sm">{text}</Text>
      <Group gap="xs" mt="xs">
        {first && (
          <Button size="xs" onClick={first.onClick}>
            {first.label}
          </Button>
        )}
        <Button variant="default" size="xs" onClick={onAction}>
          {action}
        </Button>
      </Group>
    </Alert>
  );
}

type MergeShown = NonNullable<FrameState['merge']>;

/**
 * Another admin's save and mine, field by field: theirs taken in where I left a field alone,
 * mine kept where they did, and each field we both changed side by side for me to choose.
 * Applying puts the merge in the form (nothing is saved until Save).
 */
function MergePanel({ merge, onChoose, onApply, onCancel }: { merge: MergeShown; onChoose: (path: string, side: 'mine' | 'theirs') => void; onApply: () => void; onCancel: () => void }) {
  const { result, choices, entity, settings, savedBy } = merge;
  const say = (path: string, value: unknown) => valueText(entity, path, value, settings);
  const theirs = savedBy?.actorName ?? t('slaEdit.mergeOther');
  const list = (paths: string[], value: (path: string) => unknown) =>
    paths.map((path) => (
      <Text size="sm" key={path}>
        {fieldLabel(path)}: <b>{say(path, value(path))}</b>
      </Text>
    ));
  // A leaf as the merge names it (a holiday's date is a field of the holidays list, not a key in it).
  const valueIn = (record: Record<string, unknown>) => (path: string) => fieldsOfRecord(entity, record).get(path);
  const mine = chooseMerged(result, {});
  return (
    <div role="region" aria-label={t('slaEdit.mergeHeading')}>
    <Alert color="blue" title={savedBy ? t('slaEdit.mergeTitleBy', { name: savedBy.actorName, time: formatDateTime(savedBy.at) }) : t('slaEdit.mergeTitle')}>
      <Stack gap="xs">
        <Text size="sm">{t('slaEdit.mergeLead')}</Text>
        {result.taken.length > 0 && (
          <div>
            <Text size="sm" fw={600}>
              {t('slaEdit.mergeTaken', { name: theirs })}
            </Text>
            {list(result.taken, valueIn(result.merged))}
          </div>
        )}
        {result.kept.length > 0 && (
          <div>
            <Text size="sm" fw={600}>
              {t('slaEdit.mergeKept')}
            </Text>
            {list(result.kept, valueIn(mine))}
          </div>
        )}
        {result.both.length > 0 && (
          <div>
            <Text size="sm" fw={600}>
              {t('slaEdit.mergeBoth', { name: theirs })}
            </Text>
            {result.both.map((b) => (
              <Radio.Group key={b.path} label={fieldLabel(b.path)} value={choices[b.path] ?? 'mine'} onChange={(v) => onChoose(b.path, v === 'theirs' ? 'theirs' : 'mine')} mt={4}>
                <Group gap="md" mt={4}>
                  <Radio value="mine" label={t('slaEdit.mergeMine', { value: say(b.path, b.mine) })} />
                  <Radio value="theirs" label={t('slaEdit.mergeTheirs', { name: theirs, value: say(b.path, b.theirs) })} />
                </Group>
              </Radio.Group>
            ))}
          </div>
        )}
        {result.taken.length === 0 && result.both.length === 0 && <Text size="sm">{t('slaEdit.mergeNothing')}</Text>}
        <Group gap="xs">
          <Button size="xs" onClick={onApply}>
            {t('slaEdit.mergeApply')}
          </Button>
          <Button size="xs" variant="default" onClick={onCancel}>
            {t('slaEdit.mergeLater')}
          </Button>
        </Group>
      </Stack>
    </Alert>
    </div>
  );
}
