import type { TrackDto } from '@veza/api';
import './share.css';
import { EmbedDialog } from './embed-dialog.tsx';
import { PrivateLinksDialog } from './private-links-dialog.tsx';
import { ShareToChatDialog } from './share-to-chat-dialog.tsx';

/** Which share dialog is open. */
export type ShareDialogKind = 'chat' | 'embed' | 'links';

/** The Share menu's dialogs, one chunk loaded when the first is opened. */
export function ShareDialogs({ track, open, onClose }: { track: TrackDto; open: ShareDialogKind | null; onClose: () => void }) {
  return (
    <>
      <ShareToChatDialog track={track} open={open === 'chat'} onClose={onClose} />
      <EmbedDialog track={track} open={open === 'embed'} onClose={onClose} />
      <PrivateLinksDialog track={track} open={open === 'links'} onClose={onClose} />
    </>
  );
}
