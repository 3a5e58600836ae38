import { Button, TextField } from '@veza/ui';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { AUDIT_GROUPS, type AuditEventType } from './audit-types.ts';

export interface AuditFilterValues {
  types: AuditEventType[];
  /** A username or a user id. */
  user: string;
  ip: string;
  /** yyyy-mm-dd (inclusive), or ''. */
  since: string;
  until: string;
}

export const emptyAuditFilters: AuditFilterValues = { types: [], user: '', ip: '', since: '', until: '' };

/** The audit log's filters; applied on submit so typing does not fire a query per key. */
export function AuditFilters({ initial, onApply, busy }: { initial: AuditFilterValues; onApply: (values: AuditFilterValues) => void; busy?: boolean }) {
  const { t } = useTranslation();
  const [values, setValues] = useState(initial);
  const toggle = (type: AuditEventType, on: boolean) =>
    setValues((v) => ({ ...v, types: on ? [...v.types, type] : v.types.filter((x) => x !== type) }));

  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    onApply(values);
  };

  return (
    <form onSubmit={submit} role="search" aria-label={t('admin.audit.filters')}>
      <fieldset className="vw-checks">
        <legend>{t('admin.audit.types')} {values.types.length > 0 && <span className="vw-muted">({values.types.length})</span>}</legend>
        <div className="vw-checks__grid">
          {Object.entries(AUDIT_GROUPS).flatMap(([, types]) =>
            types.map((type) => (
              <label key={type}>
                <input type="checkbox" checked={values.types.includes(type)} onChange={(event) => toggle(type, event.target.checked)} />
                {t(`admin.audit.events.${type.replace('.', '_')}`, { defaultValue: type })}
              </label>
            )),
          )}
        </div>
      </fieldset>
      <div className="vw-filters">
        <TextField label={t('admin.audit.user')} hint={t('admin.audit.userHint')} value={values.user} onChange={(e) => setValues((v) => ({ ...v, user: e.target.value }))} autoCapitalize="none" spellCheck={false} />
        <TextField label={t('admin.audit.ip')} value={values.ip} onChange={(e) => setValues((v) => ({ ...v, ip: e.target.value }))} inputMode="decimal" spellCheck={false} />
        <TextField label={t('admin.audit.since')} type="date" value={values.since} onChange={(e) => setValues((v) => ({ ...v, since: e.target.value }))} />
        <TextField label={t('admin.audit.until')} type="date" value={values.until} onChange={(e) => setValues((v) => ({ ...v, until: e.target.value }))} />
      </div>
      <div className="vw-form-actions">
        <Button type="submit" loading={busy}>{t('admin.audit.apply')}</Button>
        <Button type="button" variant="ghost" onClick={() => { setValues(emptyAuditFilters); onApply(emptyAuditFilters); }}>{t('admin.audit.reset')}</Button>
      </div>
    </form>
  );
}
