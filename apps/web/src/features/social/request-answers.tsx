import type { UserSummaryDto } from '@veza/api';
import { Button } from '@veza/ui';
import { useTranslation } from 'react-i18next';
import { displayNameOf } from '../tracks/track-model.ts';
import { useAnswerRequest } from './use-answer-request.ts';

/** Approve / Decline for one person's request to follow me, named after them for screen readers. */
export function RequestAnswers({ user, onAnswered }: { user: UserSummaryDto; onAnswered?: () => void }) {
  const { t } = useTranslation();
  const { approve, decline, busy } = useAnswerRequest(onAnswered);
  const name = displayNameOf(user);
  const { username } = user;
  return (
    <div className="vw-request-answers">
      <Button type="button" size="sm" loading={approve.isPending} disabled={busy} aria-label={t('social.requests.approveName', { name })} onClick={() => approve.mutate({ username })}>
        {t('social.requests.approve')}
      </Button>
      <Button type="button" size="sm" variant="secondary" loading={decline.isPending} disabled={busy} aria-label={t('social.requests.declineName', { name })} onClick={() => decline.mutate({ username })}>
        {t('social.requests.decline')}
      </Button>
    </div>
  );
}
