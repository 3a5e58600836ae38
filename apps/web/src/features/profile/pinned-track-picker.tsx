import { Select } from '@veza/ui';
import { useTranslation } from 'react-i18next';
import { trpc } from '../../trpc.ts';

export interface PinnedTrackPickerProps {
  username: string;
  /** The pinned track's id ('' : none). */
  value: string;
  onChange: (trackId: string) => void;
  error?: string | undefined;
  disabled?: boolean;
}

/** Which of my tracks shows first on my profile: only ready ones can be pinned (the API says the same). */
export function PinnedTrackPicker({ username, value, onChange, error, disabled = false }: PinnedTrackPickerProps) {
  const { t } = useTranslation();
  const query = trpc.tracks.list.useQuery({ username, limit: 50 });
  const tracks = (query.data?.items ?? []).filter((track) => track.status === 'ready' || track.id === value);
  const options = [
    { value: '', label: t('profile.pin.none') },
    ...tracks.map((track) => ({ value: track.id, label: track.visibility === 'public' ? track.title : t('profile.pin.notPublic', { title: track.title }) })),
  ];
  return (
    <Select
      label={t('profile.pin.picker')}
      hint={query.isError ? t('profile.pin.loadError') : t('profile.pin.hint')}
      options={options}
      value={value}
      disabled={disabled || query.isPending}
      error={error}
      name="pinnedTrackId"
      onChange={(event) => onChange(event.target.value)}
    />
  );
}
