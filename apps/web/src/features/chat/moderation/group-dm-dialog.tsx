import '../settings/panels.css';
import { Button, useModalDialog } from '@veza/ui';
import { GROUP_MAX_MEMBERS, usernameSchema } from '@veza/validators';
import { useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { errorMessage } from '../../../lib/errors.ts';
import { useSession } from '../../../stores/session.ts';
import { trpc } from '../../../trpc.ts';

/** Most people I can add (the group holds GROUP_MAX_MEMBERS, me included). */
export const GROUP_MAX_OTHERS = GROUP_MAX_MEMBERS - 1;

/**
 * "New group": up to 9 people by username, as chips (each checked to exist as it is added), then `chat.dms.openGroup`
 * and on to the conversation. There is no user search to autocomplete from yet: names are typed.
 */
export function GroupDmDialog({ open, onClose }: { open: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  const id = useId();
  const ref = useModalDialog(open);
  const navigate = useNavigate();
  const me = useSession((s) => s.user);
  const utils = trpc.useUtils();
  const [people, setPeople] = useState<string[]>([]);
  const [draft, setDraft] = useState('');
  const [draftError, setDraftError] = useState<string | null>(null);
  const [checking, setChecking] = useState(false);
  const openGroup = trpc.chat.dms.openGroup.useMutation({
    onSuccess: ({ roomId }) => {
      void utils.chat.rooms.list.invalidate();
      close();
      void navigate(`/chat/${roomId}`);
    },
  });
  function close() {
    setPeople([]);
    setDraft('');
    setDraftError(null);
    openGroup.reset();
    onClose();
  }
  const add = async () => {
    const name = draft.trim().replace(/^@/, '');
    if (!name) return;
    const parsed = usernameSchema.safeParse(name);
    if (!parsed.success) return setDraftError(parsed.error.issues[0]?.message ?? t('chat2.group.invalid'));
    if (name.toLowerCase() === me?.username.toLowerCase()) return setDraftError(t('chat2.group.notYou'));
    if (people.some((p) => p.toLowerCase() === name.toLowerCase())) return setDraftError(t('chat2.group.already', { username: name }));
    if (people.length >= GROUP_MAX_OTHERS) return setDraftError(t('chat2.group.full', { count: GROUP_MAX_OTHERS }));
    setChecking(true);
    try {
      const user = await utils.users.byUsername.fetch({ username: name });
      setPeople((p) => [...p, user.username]);
      setDraft('');
      setDraftError(null);
    } catch (error) {
      setDraftError(errorMessage(error));
    } finally {
      setChecking(false);
    }
  };
  const submit = (event: FormEvent) => {
    event.preventDefault();
    openGroup.mutate({ usernames: people });
  };
  return (
    <dialog ref={ref} className="vw-dialog" aria-labelledby={`${id}-title`} onCancel={(e) => { e.preventDefault(); if (!openGroup.isPending) close(); }}>
      {open && (
        <form className="vw-form" onSubmit={submit}>
          <h2 id={`${id}-title`} className="vw-dialog__title">{t('chat2.group.title')}</h2>
          <p className="vw-muted" id={`${id}-help`}>{t('chat2.group.help', { count: GROUP_MAX_OTHERS })}</p>
          <ul className="vw-chips" aria-label={t('chat2.group.chosen')}>
            {people.map((p) => (
              <li key={p} className="vw-chip">
                @{p}
                <button type="button" className="vw-chip__remove" aria-label={t('chat2.group.remove', { username: p })} onClick={() => setPeople((list) => list.filter((x) => x !== p))}>
                  ×
                </button>
              </li>
            ))}
          </ul>
          <label htmlFor={`${id}-name`}>{t('chat2.group.username')}</label>
          <div className="vw-inline-field">
            <input
              id={`${id}-name`}
              className="vz-input"
              value={draft}
              autoComplete="off"
              aria-describedby={`${id}-help${draftError ? ` ${id}-err` : ''}`}
              aria-invalid={draftError !== null}
              onChange={(e) => setDraft(e.target.value)}
              onKeyDown={(e) => {
                if (e.key === 'Enter' || e.key === ',') {
                  e.preventDefault();
                  void add();
                } else if (e.key === 'Backspace' && draft === '' && people.length > 0) setPeople((list) => list.slice(0, -1));
              }}
              disabled={people.length >= GROUP_MAX_OTHERS}
            />
            <Button type="button" variant="secondary" size="sm" onClick={() => void add()} loading={checking}>{t('chat2.group.add')}</Button>
          </div>
          {draftError && <p id={`${id}-err`} role="alert" className="vw-inline-error">{draftError}</p>}
          {openGroup.error && <p role="alert" className="vw-inline-error">{errorMessage(openGroup.error)}</p>}
          <div className="vw-form-actions vw-form-actions--end">
            <Button type="button" variant="secondary" onClick={close} disabled={openGroup.isPending}>{t('chat2.cancel')}</Button>
            <Button type="submit" loading={openGroup.isPending} disabled={people.length < 2}>{t('chat2.group.create')}</Button>
          </div>
        </form>
      )}
    </dialog>
  );
}
