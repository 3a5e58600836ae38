import { ErrorState, LoadingState } from '@veza/ui';
import { groupLinkTokenInput } from '@veza/validators';
import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, Navigate, useParams } from 'react-router';
import { PageHeading } from '../../components/page-heading.tsx';
import { groupHref, groupRefusal } from '../../features/groups/group-model.ts';
import { useGroupSaved } from '../../features/groups/group-standing.tsx';
import { trpc } from '../../trpc.ts';

/**
 * `/groups/join/:token` (signed in): joins the group of an invite link at once and opens it. A link that is not valid,
 * revoked or expired says so, with the API's words.
 */
export function JoinGroupLinkPage() {
  const { t } = useTranslation();
  const { token = '' } = useParams();
  const saved = useGroupSaved();
  const join = trpc.groups.joinByLink.useMutation({ onSuccess: saved });
  const valid = groupLinkTokenInput.safeParse({ token }).success;
  const sent = useRef(false);
  useEffect(() => {
    if (!valid || sent.current) return;
    sent.current = true;
    join.mutate({ token });
  }, [join, token, valid]);

  if (join.isSuccess) return <Navigate to={groupHref(join.data)} replace />;
  if (valid && !join.isError) return <LoadingState label={t('groups.joinLink.joining')} />;
  return (
    <div className="vw-page">
      <PageHeading title={t('groups.joinLink.title')} />
      <ErrorState
        title={t('groups.joinLink.failed')}
        message={join.isError ? groupRefusal(join.error, t) : t('groups.refused.link_invalid')}
        {...(join.isError && join.error.data?.code !== 'NOT_FOUND' && join.error.data?.code !== 'CONFLICT' && join.error.data?.code !== 'FORBIDDEN'
          ? { onRetry: () => join.mutate({ token }), retryLabel: t('common.retry') }
          : {})}
      />
      <p><Link to="/groups">{t('groups.back')}</Link></p>
    </div>
  );
}
