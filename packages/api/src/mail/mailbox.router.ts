import { devMailsRepository } from '@veza/db';
import { devMailboxListInput } from '@veza/validators';
import { roleProcedure, router } from '../trpc.ts';

export interface DevMailDto {
  id: string;
  to: string;
  subject: string;
  text: string;
  html: string | null;
  createdAt: string;
}

const PAGE = 50;

export const devMailboxRouter = router({
  /** Mails kept by the embedded dev mailbox, newest first (admins). Disabled and empty when mail goes out over SMTP. */
  list: roleProcedure('admin')
    .input(devMailboxListInput)
    .query(async ({ ctx, input }) => {
      if (!ctx.deps.mailer.devMailbox) return { enabled: false, items: [] as DevMailDto[], nextCursor: null as string | null };
      const { rows, hasMore } = await devMailsRepository(ctx.em).page({ to: input?.to || undefined, beforeId: input?.cursor, limit: PAGE });
      const items: DevMailDto[] = rows.map((m) => ({ id: m.id, to: m.to, subject: m.subject, text: m.text, html: m.html ?? null, createdAt: m.createdAt.toISOString() }));
      return { enabled: true, items, nextCursor: hasMore ? (items.at(-1)?.id ?? null) : null };
    }),
});
