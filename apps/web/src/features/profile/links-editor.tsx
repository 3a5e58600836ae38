import { Button, TextField } from '@veza/ui';
import { linkKindOf, linkLabelOf, PROFILE_LINKS_MAX, profileLinkSchema } from '@veza/validators';
import { useId, useState } from 'react';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import { LinkIcon } from './link-icon.tsx';
import './profile.css';

/** The schema's message in English; ours otherwise (same rules: profileLinkSchema). */
function linkProblem(value: string, language: string | undefined, t: TFunction): string | null {
  const result = profileLinkSchema.safeParse(value);
  if (result.success) return null;
  const message = result.error.issues[0]?.message ?? '';
  if (language === 'en') return message;
  if (/http:\/\/ or https:\/\//.test(message)) return t('profile.links.errors.scheme');
  if (/at most/.test(message)) return t('profile.links.errors.long', { max: 300 });
  if (/empty/.test(message)) return t('profile.links.errors.empty');
  if (/user name or password/.test(message)) return t('profile.links.errors.credentials');
  return t('profile.links.errors.invalid');
}

export interface LinksEditorProps {
  links: string[];
  onChange: (links: string[]) => void;
  /** The server's word on the list, if it refused it. */
  error?: string | undefined;
  disabled?: boolean;
}

/**
 * Up to 8 links: add one (checked as typed on Add: http(s) only, ≤ 300 characters, not twice), remove, and move up or
 * down (buttons, so the keyboard and screen readers can reorder too). Each shows the platform it was recognised as.
 */
export function LinksEditor({ links, onChange, error, disabled = false }: LinksEditorProps) {
  const { t, i18n } = useTranslation();
  const [draft, setDraft] = useState('');
  const [problem, setProblem] = useState<string | undefined>();
  const [announcement, setAnnouncement] = useState('');
  const headingId = useId();
  const full = links.length >= PROFILE_LINKS_MAX;

  const add = () => {
    const value = draft.trim();
    const refused = linkProblem(value, i18n.resolvedLanguage, t);
    if (refused) return setProblem(refused);
    if (links.includes(value)) return setProblem(t('profile.links.errors.duplicate'));
    setProblem(undefined);
    setDraft('');
    onChange([...links, value]);
    setAnnouncement(t('profile.links.added', { label: linkLabelOf(value) }));
  };
  const move = (index: number, by: -1 | 1) => {
    const next = [...links];
    const [item] = next.splice(index, 1);
    if (item === undefined) return;
    next.splice(index + by, 0, item);
    onChange(next);
    setAnnouncement(t('profile.links.moved', { label: linkLabelOf(item), position: index + by + 1, count: links.length }));
  };
  const remove = (index: number) => {
    const label = linkLabelOf(links[index] ?? '');
    onChange(links.filter((_, i) => i !== index));
    setAnnouncement(t('profile.links.removed', { label }));
  };

  return (
    <fieldset className="vw-links-editor">
      <legend id={headingId} className="vz-field__label">{t('profile.links.label')}</legend>
      <p className="vw-muted vw-links-editor__hint">{t('profile.links.hint', { max: PROFILE_LINKS_MAX })}</p>
      {links.length > 0 && (
        <ol className="vw-links-editor__list" aria-labelledby={headingId}>
          {links.map((url, index) => {
            const label = linkLabelOf(url);
            return (
              <li key={url} className="vw-links-editor__item">
                <LinkIcon kind={linkKindOf(url)} className="vw-links-editor__icon" />
                <span className="vw-links-editor__url" title={url}>{url}</span>
                <span className="vw-links-editor__actions">
                  <Button type="button" variant="ghost" size="sm" disabled={disabled || index === 0} onClick={() => move(index, -1)} aria-label={t('profile.links.moveUp', { label })}>
                    ↑
                  </Button>
                  <Button type="button" variant="ghost" size="sm" disabled={disabled || index === links.length - 1} onClick={() => move(index, 1)} aria-label={t('profile.links.moveDown', { label })}>
                    ↓
                  </Button>
                  <Button type="button" variant="ghost" size="sm" disabled={disabled} onClick={() => remove(index)} aria-label={t('profile.links.remove', { label })}>
                    {t('profile.links.removeShort')}
                  </Button>
                </span>
              </li>
            );
          })}
        </ol>
      )}
      {full ? (
        <p className="vw-muted">{t('profile.links.full', { max: PROFILE_LINKS_MAX })}</p>
      ) : (
        <div className="vw-links-editor__add">
          <TextField
            label={t('profile.links.new')}
            type="url"
            inputMode="url"
            placeholder="https://"
            value={draft}
            maxLength={300}
            disabled={disabled}
            error={problem ?? error}
            onChange={(event) => {
              setDraft(event.target.value);
              setProblem(undefined);
            }}
            onKeyDown={(event) => {
              if (event.key === 'Enter') {
                event.preventDefault();
                add();
              }
            }}
          />
          <Button type="button" variant="secondary" size="sm" disabled={disabled || draft.trim() === ''} onClick={add}>
            {t('profile.links.add')}
          </Button>
        </div>
      )}
      <p className="vz-sr-only" role="status">{announcement}</p>
    </fieldset>
  );
}
