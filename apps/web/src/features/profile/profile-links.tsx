import type { ProfileLinkDto } from '@veza/api';
import { useTranslation } from 'react-i18next';
import { LinkIcon } from './link-icon.tsx';
import './profile.css';

/**
 * A profile's links, in its owner's order, each with its platform's icon. They leave Veza: a new tab, no referrer, and
 * `nofollow ugc` (written by users, not vouched for).
 */
export function ProfileLinks({ links, name }: { links: ProfileLinkDto[]; name: string }) {
  const { t } = useTranslation();
  if (links.length === 0) return null;
  return (
    <ul className="vw-profile-links" aria-label={t('profile.links.listLabel', { name })}>
      {links.map((link) => (
        <li key={link.url}>
          <a className="vw-profile-links__link" href={link.url} target="_blank" rel="noopener noreferrer nofollow ugc" title={link.url}>
            <LinkIcon kind={link.kind} className="vw-profile-links__icon" />
            <span className="vw-profile-links__label">{link.label}</span>
            <span className="vz-sr-only"> {t('profile.links.newTab')}</span>
          </a>
        </li>
      ))}
    </ul>
  );
}
