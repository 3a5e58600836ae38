import type { TrackDto } from '@veza/api';
import type { MenuButtonItem } from '@veza/ui';
import { lazy, Suspense, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useSession } from '../../stores/session.ts';

/** The dialog comes in a chunk of its own, when first opened (track menus are on the first screens). */
const AddToPlaylistDialog = lazy(() => import('./add-to-playlist-dialog.tsx').then((m) => ({ default: m.AddToPlaylistDialog })));

/** Whether I may put this track in a playlist (as the API's `checkAddable`): ready, and mine or public. */
export const canAddToPlaylist = (track: Pick<TrackDto, 'status' | 'visibility' | 'owner'>, me: string | undefined) =>
  me !== undefined && track.status === 'ready' && (track.owner.id === me || track.visibility === 'public');

/**
 * "Add to playlist…" for a track's "⋯" menu: the menu item (none when signed out or for a track that cannot be added)
 * and the dialog it opens, to render beside the menu. The dialog's code loads on the first opening.
 */
export function useAddToPlaylist(track: TrackDto): { item: MenuButtonItem | null; dialog: ReactNode } {
  const { t } = useTranslation();
  const me = useSession((s) => (s.status === 'signed-in' ? s.user?.id : undefined));
  const [open, setOpen] = useState(false);
  // Mounted from its first opening on (closing it then returns the focus to the menu button).
  const [used, setUsed] = useState(false);
  if (!canAddToPlaylist(track, me)) return { item: null, dialog: null };
  return {
    item: {
      id: 'playlist',
      label: t('playlists.add.menuItem'),
      onSelect: () => {
        setUsed(true);
        setOpen(true);
      },
    },
    dialog: used ? (
      <Suspense fallback={null}>
        <AddToPlaylistDialog open={open} track={track} onClose={() => setOpen(false)} />
      </Suspense>
    ) : null,
  };
}
