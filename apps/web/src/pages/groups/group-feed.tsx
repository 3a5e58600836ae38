import type { GroupDto, GroupPostDto } from '@veza/api';
import { Button, EmptyState, ErrorState, ListIcon, LoadingState, Select, TextField } from '@veza/ui';
import { GROUP_POST_COMMENT_MAX } from '@veza/validators';
import { useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { ConfirmDialog } from '../../components/confirm-dialog.tsx';
import { GROUPS_PAGE_SIZE, groupRefusal, parseItemRef } from '../../features/groups/group-model.ts';
import { PlaylistArtwork } from '../../features/playlists/playlist-artwork.tsx';
import { playlistHref } from '../../features/playlists/playlist-model.ts';
import { TrackFeed } from '../../features/tracks/track-feed.tsx';
import { displayNameOf, profileHref } from '../../features/tracks/track-model.ts';
import { errorMessage } from '../../lib/errors.ts';
import { useSession } from '../../stores/session.ts';
import { pushToast } from '../../stores/toasts.ts';
import { trpc } from '../../trpc.ts';
import { formatDate, relativeTime } from '../settings/settings-format.ts';
import '../../features/playlists/playlists.css';

type Kind = 'track' | 'playlist';
const PASTE = '__paste__';

/** "Share to the group": one of my public tracks or playlists, or any by its link or id, with a comment. */
function PostForm({ group }: { group: GroupDto }) {
  const { t } = useTranslation();
  const me = useSession((s) => s.user);
  const utils = trpc.useUtils();
  const id = useId();
  const [kind, setKind] = useState<Kind>('track');
  const [choice, setChoice] = useState('');
  const [pasted, setPasted] = useState('');
  const [comment, setComment] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [pasteError, setPasteError] = useState<string | undefined>();
  const username = me?.username ?? '';
  const tracks = trpc.tracks.list.useQuery({ username, limit: 50 }, { enabled: kind === 'track' && username !== '' });
  const playlists = trpc.playlists.ofUser.useQuery({ username, limit: 50 }, { enabled: kind === 'playlist' && username !== '' });
  const options =
    kind === 'track'
      ? (tracks.data?.items ?? []).filter((x) => x.visibility === 'public' && x.status === 'ready').map((x) => ({ value: x.id, label: x.title }))
      : (playlists.data?.items ?? []).filter((x) => x.isPublic).map((x) => ({ value: x.id, label: x.title }));
  const post = trpc.groups.post.useMutation({
    onSuccess: () => {
      setChoice('');
      setPasted('');
      setComment('');
      void utils.groups.feed.invalidate({ id: group.id });
      pushToast({ id: `group-posted-${group.id}`, title: t('groups.feed.posted'), tone: 'success' });
    },
    onError: (e) => setError(groupRefusal(e, t)),
  });

  const submit = (event: FormEvent) => {
    event.preventDefault();
    setError(null);
    setPasteError(undefined);
    const pick = choice === PASTE || options.length === 0 ? parseItemRef(pasted, kind) : choice;
    if (!pick) {
      if (choice === PASTE || options.length === 0) setPasteError(t(`groups.feed.badLink.${kind}`));
      else setError(t(`groups.feed.pick.${kind}`));
      return;
    }
    post.mutate({ id: group.id, ...(kind === 'track' ? { trackId: pick } : { playlistId: pick }), comment: comment.trim() || null });
  };

  const showPaste = choice === PASTE || (options.length === 0 && !(kind === 'track' ? tracks.isPending : playlists.isPending));
  return (
    <form className="vw-group-post-form" onSubmit={submit} noValidate aria-labelledby={`${id}-title`}>
      <h3 id={`${id}-title`} className="vw-group-post-form__title">{t('groups.feed.shareTitle')}</h3>
      <fieldset className="vw-group-post-form__kind">
        <legend className="vz-field__label">{t('groups.feed.kind')}</legend>
        {(['track', 'playlist'] as const).map((k) => (
          <label key={k} className="vw-radio">
            <input type="radio" name={`${id}-kind`} value={k} checked={kind === k} onChange={() => { setKind(k); setChoice(''); setError(null); setPasteError(undefined); }} />
            <span>{t(`groups.feed.kinds.${k}`)}</span>
          </label>
        ))}
      </fieldset>
      {options.length > 0 && (
        <Select
          label={t(`groups.feed.mine.${kind}`)}
          value={choice}
          onChange={(event) => setChoice(event.target.value)}
          placeholder={t('groups.feed.choose')}
          options={[...options, { value: PASTE, label: t('groups.feed.byLink') }]}
        />
      )}
      {showPaste && (
        <TextField label={t(`groups.feed.link.${kind}`)} hint={t('groups.feed.linkHint')} value={pasted} onChange={(event) => { setPasted(event.target.value); setPasteError(undefined); }} error={pasteError} autoComplete="off" />
      )}
      <TextField label={t('groups.feed.comment')} multiline rows={2} value={comment} onChange={(event) => setComment(event.target.value)} maxLength={GROUP_POST_COMMENT_MAX} />
      {error && <p role="alert" className="vw-inline-error">{error}</p>}
      <div className="vw-form-actions vw-form-actions--end">
        <Button type="submit" loading={post.isPending}>{t('groups.feed.post')}</Button>
      </div>
    </form>
  );
}

function PlaylistPost({ playlist }: { playlist: NonNullable<GroupPostDto['playlist']> }) {
  const { t } = useTranslation();
  return (
    <div className="vw-group-post__playlist">
      <PlaylistArtwork seed={playlist.id} cover={playlist.coverUrl} urls={[]} size="sm" />
      <div>
        <Link to={playlistHref(playlist.id)} className="vw-group-card__name">{playlist.title}</Link>
        <p className="vw-muted">{t('groups.feed.playlistBy', { name: displayNameOf(playlist.owner), count: playlist.trackCount })}</p>
      </div>
    </div>
  );
}

/** One post: who shared what and when, their comment, the track (playable) or playlist, and Remove when allowed. */
function Post({ post, onRemove }: { post: GroupPostDto; onRemove: (post: GroupPostDto) => void }) {
  const { t, i18n } = useTranslation();
  const language = i18n.resolvedLanguage ?? 'en';
  const what = post.track ? post.track.title : (post.playlist?.title ?? '');
  return (
    <li className="vw-group-post">
      <article aria-label={t('groups.feed.postLabel', { name: displayNameOf(post.author), what })}>
        <p className="vw-group-post__head">
          <Link to={profileHref(post.author.username)}>{displayNameOf(post.author)}</Link>{' '}
          <time className="vw-muted" dateTime={post.createdAt} title={formatDate(post.createdAt, language, true)}>{relativeTime(post.createdAt, language)}</time>
          {post.canDelete && (
            <Button size="sm" variant="ghost" className="vw-group-post__remove" onClick={() => onRemove(post)} aria-label={t('groups.feed.removeNamed', { what })}>{t('groups.feed.remove')}</Button>
          )}
        </p>
        {post.comment && <p className="vw-group-post__comment">{post.comment}</p>}
        {post.track && <TrackFeed tracks={[post.track]} label={post.track.title} />}
        {post.playlist && <PlaylistPost playlist={post.playlist} />}
      </article>
    </li>
  );
}

/** The feed tab: members share (above), everyone who may read sees the posts, newest first, 20 at a time. */
export function GroupFeed({ group }: { group: GroupDto }) {
  const { t } = useTranslation();
  const utils = trpc.useUtils();
  const feed = trpc.groups.feed.useInfiniteQuery({ id: group.id, limit: GROUPS_PAGE_SIZE }, { getNextPageParam: (last) => last.nextCursor });
  const [removing, setRemoving] = useState<GroupPostDto | null>(null);
  const [removeError, setRemoveError] = useState<string | null>(null);
  const remove = trpc.groups.deletePost.useMutation({
    onSuccess: () => {
      setRemoving(null);
      void utils.groups.feed.invalidate({ id: group.id });
      pushToast({ id: `group-post-removed-${group.id}`, title: t('groups.feed.removed'), tone: 'info' });
    },
    onError: (e) => setRemoveError(groupRefusal(e, t)),
  });
  const posts = feed.data?.pages.flatMap((p) => p.items) ?? [];
  const member = group.myStanding === 'owner' || group.myStanding === 'admin' || group.myStanding === 'member';
  const title = t('groups.feed.title');

  return (
    <section aria-label={title} className="vw-group-feed">
      {member ? <PostForm group={group} /> : <p className="vw-muted">{t('groups.feed.joinToPost')}</p>}
      {feed.isPending ? (
        <LoadingState label={t('groups.feed.loading')} />
      ) : feed.isError && !feed.data ? (
        <ErrorState title={t('groups.feed.error')} message={errorMessage(feed.error)} onRetry={() => void feed.refetch()} retryLabel={t('common.retry')} />
      ) : posts.length === 0 ? (
        <EmptyState titleAs="p" icon={<ListIcon />} title={t('groups.feed.emptyTitle')} description={member ? t('groups.feed.emptyMember') : t('groups.feed.empty')} />
      ) : (
        <ul className="vw-group-posts" aria-label={title}>
          {posts.map((post) => <Post key={post.id} post={post} onRemove={(p) => { setRemoveError(null); setRemoving(p); }} />)}
        </ul>
      )}
      {feed.isFetchNextPageError && <p role="alert" className="vw-inline-error">{t('groups.moreError')}</p>}
      {feed.hasNextPage && (
        <div className="vw-load-more">
          <Button variant="secondary" onClick={() => void feed.fetchNextPage()} loading={feed.isFetchingNextPage}>{t('groups.more')}</Button>
        </div>
      )}
      <ConfirmDialog
        open={removing !== null}
        title={t('groups.feed.removeTitle')}
        body={t('groups.feed.removeBody')}
        confirmLabel={t('groups.feed.remove')}
        cancelLabel={t('common.cancel')}
        onConfirm={() => removing && remove.mutate({ postId: removing.id })}
        onCancel={() => setRemoving(null)}
        pending={remove.isPending}
        error={removeError}
      />
    </section>
  );
}
