import { GENRES, type Genre } from '@veza/validators';
import { Select } from '@veza/ui';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { trpc } from '../../trpc.ts';

/**
 * The genre of a track just uploaded (explore lists tracks by it), saved as soon as it is picked. Only once the track
 * exists: the details kept beside an upload in progress are its title, tags and visibility.
 */
export function UploadGenre({ trackId }: { trackId: string }) {
  const { t } = useTranslation();
  const utils = trpc.useUtils();
  const update = trpc.tracks.update.useMutation();
  const [genre, setGenre] = useState<Genre | ''>('');
  const options = [{ value: '', label: t('trackGenre.none') }, ...GENRES.map((g) => ({ value: g, label: t(`genre.${g}`) }))];
  const status = update.isPending ? '' : update.isError ? t('trackGenre.saveError') : update.isSuccess ? t('trackGenre.saved') : '';

  return (
    <div className="vw-upload__genre">
      <Select
        label={t('trackGenre.label')}
        hint={t('trackGenre.hint')}
        options={options}
        value={genre}
        onChange={(event) => {
          const value = event.target.value as Genre | '';
          setGenre(value);
          update.mutate(
            { id: trackId, genre: value || null },
            { onSuccess: (track) => { utils.tracks.byId.setData({ id: trackId }, (old) => (old ? { ...old, genre: track.genre } : old)); void utils.tracks.list.invalidate(); } },
          );
        }}
      />
      <p className="vw-upload__save" role={update.isError ? 'alert' : undefined} aria-live="polite">{status}</p>
    </div>
  );
}
