import type { Em } from '../orm.ts';
import { DevMail } from '../entities/dev-mail.entity.ts';

export interface NewDevMail {
  to: string;
  subject: string;
  text: string;
  html: string | null;
}

export const devMailsRepository = (em: Em) => ({
  async append(mail: NewDevMail) {
    await em.insert(DevMail, { ...mail, subject: mail.subject.slice(0, 255), to: mail.to.slice(0, 254), createdAt: new Date() });
  },
  /** Newest first; keyset on the id (`beforeId` excluded); one extra row tells whether there is more. */
  async page(opts: { to?: string | undefined; beforeId?: string | undefined; limit: number }) {
    const rows = await em.find(
      DevMail,
      { ...(opts.to ? { to: opts.to } : {}), ...(opts.beforeId ? { id: { $lt: opts.beforeId } } : {}) },
      { orderBy: { id: 'desc' }, limit: opts.limit + 1 },
    );
    return { rows: rows.slice(0, opts.limit), hasMore: rows.length > opts.limit };
  },
});
