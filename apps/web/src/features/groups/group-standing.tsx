import type { GroupDto } from '@veza/api';
import { Button } from '@veza/ui';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useLocation } from 'react-router';
import { ConfirmDialog } from '../../components/confirm-dialog.tsx';
import { useSession } from '../../stores/session.ts';
import { pushToast } from '../../stores/toasts.ts';
import { trpc } from '../../trpc.ts';
import { loginHref } from '../session/require-auth.tsx';
import { groupRefusal } from './group-model.ts';

/** Puts a group the API answered into the cache and refreshes the lists it shows in. */
export function useGroupSaved() {
  const utils = trpc.useUtils();
  return (group: GroupDto) => {
    utils.groups.get.setData({ ref: group.id }, group);
    void utils.groups.get.invalidate();
    void utils.groups.mine.invalidate();
    void utils.groups.list.invalidate();
    void utils.groups.invitations.invalidate();
  };
}

/**
 * What the viewer can do about their place in a group: join (public), ask to join or withdraw the request (private),
 * accept or decline an invitation, leave (with confirmation; the owner cannot). Signed out: a sign-in link.
 */
export function GroupStandingActions({ group }: { group: GroupDto }) {
  const { t } = useTranslation();
  const signedIn = useSession((s) => s.user !== null);
  const { pathname } = useLocation();
  const saved = useGroupSaved();
  const utils = trpc.useUtils();
  const [leaving, setLeaving] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const refresh = () => {
    void utils.groups.get.invalidate();
    void utils.groups.mine.invalidate();
    void utils.groups.invitations.invalidate();
  };
  const fail = (e: unknown) => setError(groupRefusal(e, t));
  const join = trpc.groups.join.useMutation({ onSuccess: (g) => { saved(g); pushToast({ id: `group-joined-${g.id}`, title: t('groups.about.joined', { name: g.name }), tone: 'success' }); }, onError: fail });
  const request = trpc.groups.requestJoin.useMutation({ onSuccess: () => refresh(), onError: fail });
  const cancel = trpc.groups.cancelRequest.useMutation({ onSuccess: () => refresh(), onError: fail });
  const accept = trpc.groups.acceptInvite.useMutation({ onSuccess: (g) => { saved(g); pushToast({ id: `group-joined-${g.id}`, title: t('groups.about.joined', { name: g.name }), tone: 'success' }); }, onError: fail });
  const decline = trpc.groups.declineInvite.useMutation({ onSuccess: () => refresh(), onError: fail });
  const leave = trpc.groups.leave.useMutation({
    onSuccess: () => {
      setLeaving(false);
      refresh();
      pushToast({ id: `group-left-${group.id}`, title: t('groups.about.left', { name: group.name }), tone: 'info' });
    },
    onError: (e) => setError(groupRefusal(e, t)),
  });
  const busy = join.isPending || request.isPending || cancel.isPending || accept.isPending || decline.isPending;
  const run = (action: () => void) => {
    setError(null);
    action();
  };

  if (!signedIn) {
    return (
      <p className="vw-group-standing">
        <Link to={loginHref(pathname)} className="vz-button vz-button--primary vz-button--md">{group.isPublic ? t('groups.about.signInToJoin') : t('groups.about.signInToRequest')}</Link>
      </p>
    );
  }

  const standing = group.myStanding;
  return (
    <div className="vw-group-standing">
      {standing === null && group.isPublic && (
        <Button onClick={() => run(() => join.mutate({ id: group.id }))} loading={join.isPending}>{t('groups.about.join')}</Button>
      )}
      {standing === null && !group.isPublic && (
        <Button onClick={() => run(() => request.mutate({ id: group.id }))} loading={request.isPending}>{t('groups.about.request')}</Button>
      )}
      {standing === 'requested' && (
        <>
          <p role="status" className="vw-muted">{t('groups.about.requested')}</p>
          <Button variant="secondary" onClick={() => run(() => cancel.mutate({ id: group.id }))} loading={cancel.isPending}>{t('groups.about.cancelRequest')}</Button>
        </>
      )}
      {standing === 'invited' && (
        <>
          <p className="vw-muted">{t('groups.about.invited')}</p>
          <Button onClick={() => run(() => accept.mutate({ id: group.id }))} loading={accept.isPending} disabled={busy}>{t('groups.invitations.accept')}</Button>
          <Button variant="secondary" onClick={() => run(() => decline.mutate({ id: group.id }))} loading={decline.isPending} disabled={busy}>{t('groups.invitations.decline')}</Button>
        </>
      )}
      {(standing === 'member' || standing === 'admin') && (
        <Button variant="secondary" onClick={() => { setError(null); setLeaving(true); }}>{t('groups.about.leave')}</Button>
      )}
      {standing === 'owner' && <p className="vw-muted">{t('groups.about.ownerNote')}</p>}
      {error && !leaving && <p role="alert" className="vw-inline-error">{error}</p>}
      <ConfirmDialog
        open={leaving}
        title={t('groups.about.leaveTitle', { name: group.name })}
        body={group.isPublic ? t('groups.about.leaveBodyPublic') : t('groups.about.leaveBodyPrivate')}
        confirmLabel={t('groups.about.leave')}
        cancelLabel={t('common.cancel')}
        onConfirm={() => leave.mutate({ id: group.id })}
        onCancel={() => setLeaving(false)}
        pending={leave.isPending}
        error={leaving ? error : null}
      />
    </div>
  );
}
