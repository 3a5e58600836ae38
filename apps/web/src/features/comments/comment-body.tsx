import type { CommentDto } from '@veza/api';
import { Link } from 'react-router';
import { profileHref } from '../tracks/track-model.ts';
import { bodySegments } from './comment-format.ts';

/** A comment's text, its line breaks kept, the people it `@mentions` (those who exist) linked to their profiles. */
export function CommentBody({ comment }: { comment: Pick<CommentDto, 'body' | 'mentions'> }) {
  return (
    <p className="vw-comment__body">
      {bodySegments(comment.body, comment.mentions).map((segment, i) =>
        segment.kind === 'mention' ? (
          <Link key={i} className="vw-comment__mention" to={profileHref(segment.user.username)}>{segment.text}</Link>
        ) : (
          <span key={i}>{segment.text}</span>
        ),
      )}
    </p>
  );
}
