import type { TrackDto } from '@veza/api';
import { MenuButton, type MenuButtonItem } from '@veza/ui';
import { lazy, Suspense, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSession } from '../../stores/session.ts';
import { pushToast } from '../../stores/toasts.ts';
import { canEmbed, copyText, trackUrl } from './share-model.ts';
import type { ShareDialogKind } from './share-dialogs.tsx';

/** The dialogs come in a chunk of their own, when one is first opened. */
const ShareDialogs = lazy(() => import('./share-dialogs.tsx').then((m) => ({ default: m.ShareDialogs })));

/** An arrow leaving a box: the share icon (decorative). */
export function ShareIcon() {
  return (
    <svg viewBox="0 0 24 24" width="1em" height="1em" fill="none" stroke="currentColor" strokeWidth={2} strokeLinecap="round" strokeLinejoin="round" aria-hidden="true" focusable="false">
      <path d="M12 3v12" /><path d="M7 8l5-5 5 5" /><path d="M5 13v6a2 2 0 0 0 2 2h10a2 2 0 0 0 2-2v-6" />
    </svg>
  );
}

/**
 * The Share menu of a track (its page and its rows): Copy link; Share to chat… (signed in) and Embed… for tracks others
 * may see (public, unlisted); Private links… for the owner. Each "…" opens its dialog.
 */
export function ShareMenu({ track, className }: { track: TrackDto; className?: string }) {
  const { t } = useTranslation();
  const me = useSession((s) => s.user);
  const [open, setOpen] = useState<ShareDialogKind | null>(null);
  // Mounted from the first opening on (closing a dialog then returns the focus to the menu's button).
  const [used, setUsed] = useState(false);
  const show = (kind: ShareDialogKind) => {
    setUsed(true);
    setOpen(kind);
  };
  const copy = async () => {
    const ok = await copyText(trackUrl(track.id));
    pushToast({ id: `share-copy-${track.id}`, title: ok ? t('share.copied') : t('share.copyFailed'), tone: ok ? 'success' : 'error' });
  };
  const items: MenuButtonItem[] = [{ id: 'copy', label: t('share.copyLink'), onSelect: () => void copy() }];
  if (me && canEmbed(track)) items.push({ id: 'chat', label: t('share.toChat'), onSelect: () => show('chat') });
  if (canEmbed(track)) items.push({ id: 'embed', label: t('share.embed'), onSelect: () => show('embed') });
  if (me?.id === track.owner.id) items.push({ id: 'links', label: t('share.privateLinks'), onSelect: () => show('links') });

  return (
    <>
      <MenuButton label={t('share.menu', { title: track.title })} items={items} icon={<ShareIcon />} className={className} />
      {used && (
        <Suspense fallback={null}>
          <ShareDialogs track={track} open={open} onClose={() => setOpen(null)} />
        </Suspense>
      )}
    </>
  );
}
