import './jump.css';
import { Button } from '@veza/ui';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import type { Timeline } from './chat-store.ts';
import { useDateFormats, type DateFormats } from './date-formats.ts';
import { MessageItem, PendingItem, type MessageItemProps } from './message-item.tsx';
import { buildRows, type Row } from './message-rows.ts';
import { useMessageScroll, type JumpTarget } from './use-message-scroll.ts';

export interface MessageListProps extends MessageItemProps {
  timeline: Timeline;
  /** Messages after this seq were unread when the room opened (null: no divider). */
  unreadAfterSeq: number | null;
  loadOlder: () => void;
  loadingOlder: boolean;
  /** Reads the page after the window (a window jumped back into history). */
  loadNewer?: () => void;
  loadingNewer?: boolean;
  /** The newest message is on screen (and the tab visible): mark it read. */
  onSeenLatest: (seq: number) => void;
  /** A message to bring into view and highlight (a jump that found it). */
  jumpTarget?: JumpTarget | null;
  /** Back to the live end when the window left it. */
  onJumpToLatest?: () => void;
  /** A row's size before it is measured (tests set a fixed one). */
  estimateSize?: number;
  label: string;
}

/**
 * The conversation: a virtualised list (only the rows near the viewport are in the DOM, each measured once shown,
 * so 10,000 messages scroll like 50). Opens at the "new messages" divider or at the end, stays at the end while
 * new messages arrive if it was there, keeps its place when older history is prepended, brings a jumped-to message
 * into view, pages on from both edges of the window, and offers a jump back to the latest message.
 */
export function MessageList(props: MessageListProps) {
  const { timeline, meId, unreadAfterSeq, estimateSize = 64, label } = props;
  const { t } = useTranslation();
  const rows = useMemo(() => buildRows(timeline, unreadAfterSeq, meId), [timeline, unreadAfterSeq, meId]);
  const { scrollRef, virtualizer, atBottom, checkPosition, jumpToLatest, highlightSeq } = useMessageScroll({
    rows,
    timeline,
    estimateSize,
    loadOlder: props.loadOlder,
    loadingOlder: props.loadingOlder,
    loadNewer: props.loadNewer,
    loadingNewer: props.loadingNewer,
    onSeenLatest: props.onSeenLatest,
    jumpTarget: props.jumpTarget,
    onJumpToLatest: props.onJumpToLatest,
  });
  const formats = useDateFormats();
  const items = virtualizer.getVirtualItems();

  return (
    <div className="vw-chat-list">
      <div ref={scrollRef} className="vw-chat-list__scroll" onScroll={checkPosition} role="log" aria-label={label} aria-live="polite" aria-relevant="additions" tabIndex={0}>
        <div className="vw-chat-list__inner" style={{ height: virtualizer.getTotalSize() }}>
          {items.map((item) => {
            const row = rows[item.index]!;
            return (
              <div key={item.key} data-index={item.index} ref={virtualizer.measureElement} className="vw-chat-row" style={{ transform: `translateY(${item.start}px)` }}>
                <RowView row={row} props={props} formats={formats} highlighted={row.kind === 'message' && row.message.seq === highlightSeq} />
              </div>
            );
          })}
        </div>
      </div>
      {(!atBottom || timeline.hasNewer) && rows.length > 0 && (
        <Button type="button" size="sm" className="vw-chat-list__jump" onClick={jumpToLatest}>
          {t('chat.list.jumpToLatest')}
        </Button>
      )}
      {rows.length === 0 && timeline.loaded && <p className="vw-chat-list__empty">{t('chat.list.empty')}</p>}
    </div>
  );
}

function RowView({ row, props, formats, highlighted }: { row: Row; props: MessageListProps; formats: DateFormats; highlighted: boolean }) {
  const { t } = useTranslation();
  switch (row.kind) {
    case 'older':
      return (
        <div className="vw-chat-older">
          {props.loadingOlder ? t('chat.list.loadingOlder') : (
            <Button type="button" variant="ghost" size="sm" onClick={props.loadOlder}>{t('chat.list.loadOlder')}</Button>
          )}
        </div>
      );
    case 'newer':
      return (
        <div className="vw-chat-older">
          {props.loadingNewer ? t('chat.jump.loadingNewer') : (
            <Button type="button" variant="ghost" size="sm" onClick={props.loadNewer}>{t('chat.jump.loadNewer')}</Button>
          )}
        </div>
      );
    case 'day':
      return (
        <div className="vw-chat-day" role="separator">
          <span>{formats.dayLabel(row.date)}</span>
        </div>
      );
    case 'unread':
      return (
        <div className="vw-chat-unread" role="separator">
          <span>{t('chat.list.newMessages')}</span>
        </div>
      );
    case 'message':
      return <MessageItem message={row.message} grouped={row.grouped} highlighted={highlighted} props={props} formats={formats} />;
    case 'pending':
      return <PendingItem pending={row.pending} props={props} />;
  }
}
