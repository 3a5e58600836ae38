import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { nameOf, type MessagePreviewDto } from './chat-store.ts';

/** The `?m=` search that opens the conversation at a message (permalinks, reply quotes, search results). */
export const jumpSearch = (seq: number) => `?m=${seq}`;

/**
 * A reply's quote of its parent. With `linked`, the quote is a link to the parent in the conversation (the list
 * jumps there and highlights it); the composer's quote of the message being answered is not.
 */
export function ReplyQuote({ preview, linked = false, children }: { preview: MessagePreviewDto; linked?: boolean; children?: ReactNode }) {
  const { t } = useTranslation();
  const name = nameOf(preview.author, t('chat.message.deletedAccount'));
  const content = (
    <>
      <span className="vz-sr-only">{t('chat.message.replyTo')} </span>
      <strong>{name}</strong> {preview.deletedAt ? <em>{t('chat.message.deleted')}</em> : preview.body}
    </>
  );
  return (
    <blockquote className="vw-msg__quote">
      {linked ? (
        <Link to={{ search: jumpSearch(preview.seq) }} className="vw-msg__quote-link" title={t('chat.jump.toOriginal')}>
          {content}
        </Link>
      ) : (
        content
      )}
      {children}
    </blockquote>
  );
}
