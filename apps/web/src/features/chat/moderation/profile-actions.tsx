import { MenuButton } from '@veza/ui';
import { useTranslation } from 'react-i18next';
import { useBlock } from './block.tsx';

/** The profile's "…" menu for someone else: Block / Unblock (with a confirmation before blocking). */
export function ProfileMoreActions({ username }: { username: string }) {
  const { t } = useTranslation();
  const block = useBlock(username);
  if (!block.ready) return null;
  return (
    <>
      <MenuButton label={t('chat2.profileActions', { username })} items={[block.menuItem]} />
      {block.dialog}
    </>
  );
}
