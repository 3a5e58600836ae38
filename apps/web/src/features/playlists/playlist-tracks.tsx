import {
  closestCenter,
  DndContext,
  KeyboardSensor,
  PointerSensor,
  useSensor,
  useSensors,
  type Announcements,
  type DragEndEvent,
  type UniqueIdentifier,
} from '@dnd-kit/core';
import { arrayMove, SortableContext, sortableKeyboardCoordinates, useSortable, verticalListSortingStrategy } from '@dnd-kit/sortable';
import { CSS } from '@dnd-kit/utilities';
import type { PlaylistDetailDto, PlaylistItemDto } from '@veza/api';
import { MenuButton, TrackCard, type MenuButtonItem } from '@veza/ui';
import type { CSSProperties, ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { usePreloadPlayerDock } from '../../components/lazy-player-dock.ts';
import { localeOf } from '../../i18n.ts';
import { usePlayer } from '../../stores/player.ts';
import { PlayContextLink, PlayContextProvider, useListKey } from '../player/play-context.tsx';
import { useQueueMenuItems } from '../player/track-queue-menu.tsx';
import { RepostControl } from '../social/repost-control.tsx';
import { displayNameOf, profileHref, toCardData, toPlayerTrack, trackHref } from '../tracks/track-model.ts';
import { useAddToPlaylist } from './add-to-playlist.tsx';

interface PlaylistTracksProps {
  playlist: PlaylistDetailDto;
  /** The track and the new order of all the track ids (the caller calls `moveTrack`). */
  onMove: (trackId: string, newOrder: string[]) => void;
  onRemove: (trackId: string, title: string) => void;
}

/** Six dots: the drag handle's icon (decorative). */
function GripIcon() {
  return (
    <svg viewBox="0 0 24 24" width="1em" height="1em" fill="currentColor" aria-hidden="true" focusable="false">
      <circle cx="9" cy="6" r="1.6" /><circle cx="15" cy="6" r="1.6" /><circle cx="9" cy="12" r="1.6" /><circle cx="15" cy="12" r="1.6" /><circle cx="9" cy="18" r="1.6" /><circle cx="15" cy="18" r="1.6" />
    </svg>
  );
}

interface RowProps {
  item: PlaylistItemDto;
  index: number;
  count: number;
  canEdit: boolean;
  collaborative: boolean;
  playingId: string | undefined;
  onPlay: () => void;
  moveTo: (to: number) => void;
  onRemove: () => void;
}

/** The row's "⋯" menu: the queue actions, "Add to playlist…", and for editors Move up / Move down / Remove (the way to reorder without dragging). */
function RowMenu({ item, index, count, canEdit, moveTo, onRemove }: Pick<RowProps, 'item' | 'index' | 'count' | 'canEdit' | 'moveTo' | 'onRemove'>) {
  const { t } = useTranslation();
  const queueItems = useQueueMenuItems(item.track);
  const playlist = useAddToPlaylist(item.track);
  const items: MenuButtonItem[] = [...queueItems, ...(playlist.item ? [playlist.item] : [])];
  if (canEdit) {
    if (index > 0) items.push({ id: 'up', label: t('playlists.tracks.moveUp'), onSelect: () => moveTo(index - 1) });
    if (index < count - 1) items.push({ id: 'down', label: t('playlists.tracks.moveDown'), onSelect: () => moveTo(index + 1) });
    items.push({ id: 'remove', label: t('playlists.tracks.remove'), onSelect: onRemove });
  }
  return (
    <>
      <MenuButton label={t('player.trackActions', { title: item.track.title })} items={items} />
      {playlist.dialog}
    </>
  );
}

function PlaylistRow({ item, index, count, canEdit, collaborative, playingId, onPlay, moveTo, onRemove }: RowProps) {
  const { t, i18n } = useTranslation();
  const { track } = item;
  const { attributes, listeners, setNodeRef, setActivatorNodeRef, transform, transition, isDragging } = useSortable({ id: track.id, disabled: !canEdit });
  const style: CSSProperties = { transform: CSS.Translate.toString(transform), transition };
  const handle: ReactNode = canEdit ? (
    <button
      type="button"
      ref={setActivatorNodeRef}
      className="vz-icon-button vw-playlist-row__handle"
      {...attributes}
      {...listeners}
      aria-label={t('playlists.tracks.handle', { title: track.title, position: index + 1, count })}
    >
      <GripIcon />
    </button>
  ) : null;
  return (
    <li ref={setNodeRef} style={style} className={`vz-track-list__item vw-playlist-row${isDragging ? ' vw-playlist-row--dragging' : ''}`}>
      {collaborative && item.addedBy && (
        <p className="vw-playlist-row__added">{t('playlists.tracks.addedBy', { name: displayNameOf(item.addedBy) })}</p>
      )}
      <div className="vw-playlist-row__line">
        {handle}
        <TrackCard
          track={toCardData(track)}
          href={trackHref(track.id)}
          artistHref={profileHref(track.owner.username)}
          LinkComponent={PlayContextLink}
          onPlay={onPlay}
          actions={
            <>
              <RepostControl track={track} size="sm" />
              <RowMenu item={item} index={index} count={count} canEdit={canEdit} moveTo={moveTo} onRemove={onRemove} />
            </>
          }
          isPlaying={playingId === track.id}
          playLabel={t('player.playTrack', { title: track.title })}
          pauseLabel={t('player.pauseTrack', { title: track.title })}
          likesLabel={(n) => t('common.likes', { count: n })}
          playsLabel={(n, shown) => t('plays.count', { count: n, formatted: shown })}
          visibilityLabel={(visibility) => t(`track.badges.${visibility}`)}
          locale={localeOf(i18n.resolvedLanguage ?? 'en')}
          className="vw-playlist-row__card"
        />
      </div>
    </li>
  );
}

/**
 * A playlist's tracks in order: each plays the playlist from there. Editors (the owner, active collaborators) reorder
 * by dragging a row's handle — with a pointer, or from the keyboard (Space or Enter picks the track up, the arrows move
 * it, Space or Enter drops it, Escape cancels; each step is read out) — or with Move up / Move down in the row's menu,
 * and take tracks out. On a collaborative playlist each row says who added the track.
 *
 * Not virtualised: a playlist holds at most 500 tracks and dnd-kit's sortable list needs its rows mounted to measure
 * them. (`content-visibility: auto` on the rows was tried: its paint containment clipped the rows' menus.)
 */
export function PlaylistTracks({ playlist, onMove, onRemove }: PlaylistTracksProps) {
  const { t } = useTranslation();
  const playingId = usePlayer((s) => (s.isPlaying ? s.track?.id : undefined));
  const playList = usePlayer((s) => s.playList);
  const contextKey = useListKey();
  const sensors = useSensors(useSensor(PointerSensor, { activationConstraint: { distance: 6 } }), useSensor(KeyboardSensor, { coordinateGetter: sortableKeyboardCoordinates }));
  usePreloadPlayerDock();

  const items = playlist.items;
  const ids = items.map((item) => item.track.id);
  const tracks = items.map((item) => item.track);
  const count = items.length;
  const titleOf = (id: UniqueIdentifier) => items.find((item) => item.track.id === id)?.track.title ?? '';
  const positionOf = (id: UniqueIdentifier | undefined) => (id === undefined ? 0 : ids.indexOf(String(id)) + 1);
  const moveTo = (from: number, to: number) => {
    const id = ids[from];
    if (id === undefined || to < 0 || to >= count || to === from) return;
    onMove(id, arrayMove(ids, from, to));
  };
  const onDragEnd = ({ active, over }: DragEndEvent) => {
    if (!over || active.id === over.id) return;
    moveTo(ids.indexOf(String(active.id)), ids.indexOf(String(over.id)));
  };
  const announcements: Announcements = {
    onDragStart: ({ active }) => t('playlists.dnd.picked', { title: titleOf(active.id), position: positionOf(active.id), count }),
    onDragOver: ({ active, over }) => (over ? t('playlists.dnd.over', { title: titleOf(active.id), position: positionOf(over.id), count }) : t('playlists.dnd.outside', { title: titleOf(active.id) })),
    onDragEnd: ({ active, over }) => (over ? t('playlists.dnd.dropped', { title: titleOf(active.id), position: positionOf(over.id), count }) : t('playlists.dnd.cancelled', { title: titleOf(active.id) })),
    onDragCancel: ({ active }) => t('playlists.dnd.cancelled', { title: titleOf(active.id) }),
  };
  const collaborative = playlist.collaborators.some((c) => c.status === 'active');

  const list = (
    <ol className={`vz-track-list vw-playlist-tracks${playlist.canEdit ? ' vw-playlist-tracks--editable' : ''}`} aria-label={t('playlists.tracks.label', { title: playlist.title })}>
      {items.map((item, index) => (
        <PlaylistRow
          key={item.track.id}
          item={item}
          index={index}
          count={count}
          canEdit={playlist.canEdit}
          collaborative={collaborative}
          playingId={playingId}
          onPlay={() => playList(tracks.map(toPlayerTrack), index)}
          moveTo={(to) => moveTo(index, to)}
          onRemove={() => onRemove(item.track.id, item.track.title)}
        />
      ))}
    </ol>
  );

  return (
    <PlayContextProvider contextKey={contextKey} tracks={tracks}>
      <DndContext
        sensors={sensors}
        collisionDetection={closestCenter}
        onDragEnd={onDragEnd}
        accessibility={{ announcements, screenReaderInstructions: { draggable: t('playlists.dnd.instructions') } }}
      >
        <SortableContext items={ids} strategy={verticalListSortingStrategy} disabled={!playlist.canEdit}>
          {list}
        </SortableContext>
      </DndContext>
    </PlayContextProvider>
  );
}
