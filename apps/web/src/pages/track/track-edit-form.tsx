import type { TrackDto } from '@veza/api';
import { GENRES, MUSICAL_KEYS, TRACK_VISIBILITY, updateTrackInput } from '@veza/validators';
import { Button, Card, Select, TextField } from '@veza/ui';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useForm } from '../../features/forms/use-form.ts';
import { formatMusicalKey } from '../../lib/musical-key.ts';
import { pushToast } from '../../stores/toasts.ts';
import { trpc } from '../../trpc.ts';
import { FormAlert } from '../auth/form-alert.tsx';
import { CoverPicker, KEEP_COVER, useCoverSave, type CoverChange } from './cover-picker.tsx';
import { TrackTagsInput } from './track-tags-input.tsx';

const editFields = updateTrackInput.omit({ id: true });

/** Text fields as the form holds them → the shapes the shared schema expects (empty means "none"). */
const prepare = (tags: string[]) => (v: Record<string, string>) => ({
  title: v.title,
  description: v.description,
  visibility: v.visibility,
  tags,
  bpm: v.bpm?.trim() ? Number(v.bpm) : null,
  musicalKey: v.musicalKey || null,
  genre: v.genre || null,
  lyrics: v.lyrics?.trim() ? v.lyrics : null,
});

/**
 * The owner's inline editor: title, description, visibility, genre, tags, BPM, key, lyrics and the cover. Nothing is sent
 * before Save (a chosen cover is only staged and previewed); Cancel drops every change, the cover included.
 */
export function TrackEditForm({ track, onDone }: { track: TrackDto; onDone: () => void }) {
  const { t } = useTranslation();
  const utils = trpc.useUtils();
  const update = trpc.tracks.update.useMutation();
  const [tags, setTags] = useState<string[]>(track.tags);
  const [cover, setCover] = useState<CoverChange>(KEEP_COVER);
  const coverSave = useCoverSave(track.id);
  const [saving, setSaving] = useState(false);
  const form = useForm(
    {
      title: track.title,
      description: track.description ?? '',
      visibility: track.visibility as string,
      bpm: track.bpm === null ? '' : String(track.bpm),
      musicalKey: track.musicalKey ?? '',
      genre: track.genre ?? '',
      lyrics: track.lyrics ?? '',
    },
    'track',
  );

  const submit = form.handleSubmit(async () => {
    const input = form.validate(editFields, t('auth.formError'), prepare(tags));
    if (!input) return;
    setSaving(true);
    try {
      // The cover first: if it is refused, nothing else has changed and the form stays as it was.
      if (!(await coverSave.save(cover))) return;
      setCover(KEEP_COVER);
      const updated = await update.mutateAsync({ id: track.id, ...input, description: input.description || null });
      // The mutation may answer without the detail-only fields: keep ours until the refetch brings them.
      utils.tracks.byId.setData({ id: track.id }, (old) => ({
        ...updated,
        waveform: updated.waveform ?? old?.waveform ?? null,
        lyrics: updated.lyrics ?? input.lyrics ?? null,
      }));
      void utils.tracks.byId.invalidate({ id: track.id });
      void utils.tracks.list.invalidate();
      pushToast({ title: t('track.saved'), tone: 'success' });
      onDone();
    } catch (error) {
      form.fail(error);
    } finally {
      setSaving(false);
    }
  });

  const visibilities = TRACK_VISIBILITY.map((v) => ({ value: v, label: t(`track.visibilities.${v}`) }));
  const genres = [{ value: '', label: t('trackGenre.none') }, ...GENRES.map((g) => ({ value: g, label: t(`genre.${g}`) }))];
  const keys = [{ value: '', label: t('track.keyUnknown') }, ...MUSICAL_KEYS.map((k) => ({ value: k, label: formatMusicalKey(k, t) }))];

  return (
    <Card title={t('track.editTitle')}>
      <CoverPicker
        track={track}
        change={cover}
        onChange={(change) => { coverSave.setError(undefined); setCover(change); }}
        progress={coverSave.progress}
        error={coverSave.error}
        disabled={saving}
      />
      <form onSubmit={submit} noValidate className="vw-track-edit">
        <FormAlert message={form.formError ?? (coverSave.error ? t('track.cover.notSaved') : null)} />
        <TextField label={t('track.titleLabel')} required maxLength={200} {...form.field('title')} />
        <TextField label={t('track.descriptionLabel')} multiline rows={4} maxLength={5000} {...form.field('description')} />
        <Select label={t('track.visibilityLabel')} options={visibilities} {...form.field('visibility')} />
        <Select label={t('trackGenre.label')} hint={t('trackGenre.hint')} options={genres} {...form.field('genre')} />
        <TrackTagsInput hint={t('track.tagsHint')} name="tags" value={tags} onChange={setTags} error={form.errors.tags} />
        <div className="vw-track-edit__row">
          <TextField label={t('track.bpmLabel')} hint={t('track.bpmHint')} type="number" inputMode="numeric" min={20} max={300} step={1} {...form.field('bpm')} />
          <Select label={t('track.keyLabel')} options={keys} {...form.field('musicalKey')} />
        </div>
        <TextField label={t('track.lyricsLabel')} multiline rows={8} maxLength={10_000} {...form.field('lyrics')} />
        <div className="vw-form-actions">
          <Button type="submit" loading={saving}>{t('common.save')}</Button>
          <Button type="button" variant="ghost" onClick={onDone} disabled={saving}>{t('common.cancel')}</Button>
        </div>
      </form>
    </Card>
  );
}
