import type { TrackDto } from '@veza/api';
import { TRACK_VISIBILITY, updateTrackInput } from '@veza/validators';
import { Button, Card, Select, TextField } from '@veza/ui';
import { useTranslation } from 'react-i18next';
import { useForm } from '../../features/forms/use-form.ts';
import { pushToast } from '../../stores/toasts.ts';
import { trpc } from '../../trpc.ts';
import { FormAlert } from '../auth/form-alert.tsx';

const editFields = updateTrackInput.omit({ id: true });

/** The owner's inline editor for title, description and visibility. */
export function TrackEditForm({ track, onDone }: { track: TrackDto; onDone: () => void }) {
  const { t } = useTranslation();
  const utils = trpc.useUtils();
  const update = trpc.tracks.update.useMutation();
  const form = useForm({ title: track.title, description: track.description ?? '', visibility: track.visibility as string }, 'track');

  const submit = form.handleSubmit(async () => {
    const input = form.validate(editFields, t('auth.formError'));
    if (!input) return;
    try {
      const updated = await update.mutateAsync({ id: track.id, ...input, description: input.description || null });
      utils.tracks.byId.setData({ id: track.id }, updated);
      void utils.tracks.list.invalidate();
      pushToast({ title: t('track.saved'), tone: 'success' });
      onDone();
    } catch (error) {
      form.fail(error);
    }
  });

  const options = TRACK_VISIBILITY.map((v) => ({ value: v, label: t(`track.visibilities.${v}`) }));

  return (
    <Card title={t('track.editTitle')}>
      <form onSubmit={submit} noValidate>
        <FormAlert message={form.formError} />
        <TextField label={t('track.titleLabel')} required maxLength={200} {...form.field('title')} />
        <TextField label={t('track.descriptionLabel')} multiline rows={4} maxLength={5000} {...form.field('description')} />
        <Select label={t('track.visibilityLabel')} options={options} {...form.field('visibility')} />
        <div className="vw-form-actions">
          <Button type="submit" loading={update.isPending}>{t('common.save')}</Button>
          <Button type="button" variant="ghost" onClick={onDone} disabled={update.isPending}>{t('common.cancel')}</Button>
        </div>
      </form>
    </Card>
  );
}
