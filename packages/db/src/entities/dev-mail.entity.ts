import { defineEntity, p } from '@mikro-orm/core';

/** An outgoing mail kept by the embedded dev mailbox (no SMTP_URL), readable by admins. */
const DevMailSchema = defineEntity({
  name: 'DevMail',
  tableName: 'dev_mails',
  properties: {
    id: p.bigint('string').primary().autoincrement(),
    to: p.string().length(254).index(),
    subject: p.string().length(255),
    text: p.text(),
    html: p.text().nullable(),
    createdAt: p.datetime().onCreate(() => new Date()),
  },
});

export class DevMail extends DevMailSchema.class {}
DevMailSchema.setClass(DevMail);
export { DevMailSchema };
