// Chat reports for the admin area (issue 10, "a global admin can read a reported conversation"): the report queue,
// the conversation around a reported message (with earlier versions) and resolving a report. A self-contained mock
// back end of its own, used by stories and tests through `mocks(...adminReportsHandlers)` /
// `server.use(...adminReportsHandlers)`. Same rules as the API: admins only, conversations only through an open
// report and within REPORT_CONTEXT_MESSAGES of the reported message, resolving a closed report is CONFLICT.
import type { RouterInputs, RouterOutputs } from '@veza/api';
import { delay, type RequestHandler } from 'msw';
import { db, viewer } from './db.ts';
import type { MockUser } from './fixtures.ts';
import { MockTrpcError, trpcMsw } from './trpc-msw.ts';

type ReportDto = RouterOutputs['admin']['chat']['reports']['items'][number];
type ReportedMessageDto = RouterOutputs['admin']['chat']['conversation']['items'][number];
type ReportStatus = NonNullable<NonNullable<RouterInputs['admin']['chat']['reports']>['status']>;
type UserSummary = NonNullable<ReportDto['reporter']>;

/** The reports the mock starts with (ids). The first is open, on seq 40 of "modular". */
export const MOCK_REPORT_IDS = { openSpam: '3', openHarassment: '2', dismissed: '1' } as const;

/** As REPORT_CONTEXT_MESSAGES in @veza/validators: messages readable on each side of the reported one. */
const REPORT_CONTEXT_MESSAGES = 100;
const iso = (ms: number) => new Date(ms).toISOString();
const summary = (u: MockUser): UserSummary => ({ id: u.id, username: u.username, displayName: u.displayName });
const ROOM = { id: 'c0000000-0000-4000-8000-0000000000b1', kind: 'room' as const, name: 'modular' };
const DM = { id: 'c0000000-0000-4000-8000-0000000000b2', kind: 'dm' as const, name: null };
const T0 = Date.parse('2026-11-28T18:00:00Z');

interface ReportsState {
  reports: ReportDto[];
  /** Messages per room id, ascending seq (seq = index + 1). */
  messages: Map<string, ReportedMessageDto[]>;
}

let current: ReportsState | null = null;

function userNamed(username: string): MockUser {
  const user = db.users.find((u) => u.username === username);
  if (!user) throw new Error(`no mock user ${username}`);
  return user;
}

function message(room: { id: string }, seq: number, author: MockUser, body: string, extra: Partial<ReportedMessageDto> = {}): ReportedMessageDto {
  return {
    id: `${room.id.slice(-2)}${String(seq).padStart(4, '0')}`,
    seq,
    roomId: room.id,
    author: summary(author),
    body,
    clientMessageId: `mock-report-${room.id.slice(-2)}-${seq}`,
    createdAt: iso(T0 + seq * 60_000),
    editedAt: null,
    deletedAt: null,
    replyTo: null,
    attachments: [],
    hidden: null,
    reactions: [],
    mentions: [],
    kind: 'text',
    call: null,
    versions: [],
    ...extra,
  };
}

function seed(): ReportsState {
  const [ana, marc, lea] = [userNamed('ana'), userNamed('marc.dubois'), userNamed('lea_m')];
  const talk = ['Anyone tried the new reverb?', 'The snare is too loud in the bridge', 'Sounds good to me', 'Who has the stems?', 'On it, give me 5 min'];
  const roomMessages: ReportedMessageDto[] = [];
  for (let seq = 1; seq <= 80; seq += 1) {
    const author = [ana, marc, lea][seq % 3] as MockUser;
    roomMessages.push(message(ROOM, seq, author, `${talk[seq % talk.length]} (#${seq})`));
  }
  // The reported message (seq 40): edited once; seq 42: deleted by a moderator, its text kept.
  roomMessages[39] = message(ROOM, 40, marc, 'Buy followers cheap at example.test', {
    editedAt: iso(T0 + 40 * 60_000 + 30_000),
    versions: [{ body: 'Buy followers at example.test!!!', action: 'edit', changedAt: iso(T0 + 40 * 60_000 + 30_000), changedBy: summary(marc) }],
  });
  roomMessages[41] = message(ROOM, 42, marc, '', {
    deletedAt: iso(T0 + 43 * 60_000),
    versions: [{ body: 'Last chance: example.test', action: 'delete', changedAt: iso(T0 + 43 * 60_000), changedBy: summary(ana) }],
  });
  const dmMessages = [message(DM, 1, lea, 'Hey, about the collab'), message(DM, 2, marc, 'You are useless, quit music'), message(DM, 3, lea, 'Wow. OK.')];
  const reportOf = (id: string, at: number, reason: ReportDto['reason'], reporter: MockUser, room: ReportDto['room'], m: ReportedMessageDto, note: string | null): ReportDto => ({
    id,
    status: 'open',
    reason,
    note,
    createdAt: iso(at),
    reporter: summary(reporter),
    room,
    message: { id: m.id, seq: m.seq, author: m.author, createdAt: m.createdAt, deleted: m.deletedAt !== null },
    resolvedBy: null,
    resolvedAt: null,
  });
  const dismissed: ReportDto = {
    ...reportOf('1', T0 + 10 * 60_000, 'other', lea, ROOM, roomMessages[9] as ReportedMessageDto, null),
    status: 'dismissed',
    resolvedBy: summary(ana),
    resolvedAt: iso(T0 + 20 * 60_000),
  };
  return {
    reports: [
      reportOf('3', T0 + 90 * 60_000, 'spam', lea, ROOM, roomMessages[39] as ReportedMessageDto, 'Same link posted in three rooms.'),
      reportOf('2', T0 + 80 * 60_000, 'harassment', lea, DM, dmMessages[1] as ReportedMessageDto, null),
      dismissed,
    ],
    messages: new Map([[ROOM.id, roomMessages], [DM.id, dmMessages]]),
  };
}

function state(): ReportsState {
  current ??= seed();
  return current;
}

function requireAdmin() {
  const user = viewer();
  if (!user) throw new MockTrpcError('UNAUTHORIZED', 'Please sign in to continue.');
  if (user.role !== 'admin') throw new MockTrpcError('FORBIDDEN', 'Your account does not have access to this.');
  return user;
}

function reportById(id: string): ReportDto {
  const report = state().reports.find((r) => r.id === id);
  if (!report) throw new MockTrpcError('NOT_FOUND', 'This report does not exist.');
  return report;
}

export const adminReportsMock = {
  /** Back to the seeded reports and conversations. */
  reset() {
    current = null;
  },
  /** Every report (the test's view of the queue). */
  reports(): readonly ReportDto[] {
    return state().reports;
  },
  /** No reports at all. */
  clear() {
    state().reports = [];
  },
};

const PAGE = 50;
const cursorOf = (id: string) => btoa(id);

export const adminReportsHandlers: RequestHandler[] = [
  trpcMsw.admin.chat.reports.query(async ({ input }) => {
    await delay();
    requireAdmin();
    const limit = input.limit ?? PAGE;
    const before = input.cursor !== undefined ? atob(input.cursor) : undefined;
    const rows = state()
      .reports.filter((r) => input.status === undefined || r.status === (input.status satisfies ReportStatus))
      .filter((r) => before === undefined || BigInt(r.id) < BigInt(before))
      .sort((a, b) => Number(BigInt(b.id) - BigInt(a.id)));
    const items = rows.slice(0, limit);
    const last = items.at(-1);
    return { items, nextCursor: rows.length > limit && last ? cursorOf(last.id) : null };
  }),
  trpcMsw.admin.chat.conversation.query(async ({ input }) => {
    await delay();
    requireAdmin();
    const report = reportById(input.reportId);
    if (report.status !== 'open') throw new MockTrpcError('FORBIDDEN', 'This report was resolved: its conversation can no longer be read.');
    const all = state().messages.get(report.room.id) ?? [];
    const limit = input.limit ?? 30;
    const reported = report.message.seq;
    const lowest = Math.max(1, reported - REPORT_CONTEXT_MESSAGES);
    const highest = Math.min(all.length, reported + REPORT_CONTEXT_MESSAGES);
    let from: number;
    let to: number;
    if (input.beforeSeq !== undefined) {
      to = Math.min(input.beforeSeq - 1, highest);
      from = Math.max(lowest, to - limit + 1);
    } else if (input.afterSeq !== undefined) {
      from = Math.max(input.afterSeq + 1, lowest);
      to = Math.min(highest, from + limit - 1);
    } else {
      from = Math.max(lowest, reported - Math.floor((limit - 1) / 2));
      to = Math.min(highest, from + limit - 1);
      from = Math.max(lowest, to - limit + 1);
    }
    const items = all.filter((m) => m.seq >= from && m.seq <= to);
    return { report, items, hasOlder: (items[0]?.seq ?? from) > lowest, hasNewer: (items.at(-1)?.seq ?? to) < highest };
  }),
  trpcMsw.admin.chat.resolveReport.mutation(async ({ input }) => {
    await delay();
    const admin = requireAdmin();
    const report = reportById(input.reportId);
    if (report.status !== 'open') throw new MockTrpcError('CONFLICT', 'This report was already resolved.');
    const now = new Date().toISOString();
    const status = input.action === 'dismiss' ? 'dismissed' : 'actioned';
    // Every open report of the same message closes with it, as on the server.
    for (const r of state().reports) {
      if (r.message.id === report.message.id && r.status === 'open') Object.assign(r, { status, resolvedBy: summary(admin), resolvedAt: now });
    }
    if (input.action === 'delete_message') {
      const m = state().messages.get(report.room.id)?.find((x) => x.id === report.message.id);
      if (m && m.deletedAt === null) {
        m.versions = [...m.versions, { body: m.body, action: 'delete', changedAt: now, changedBy: summary(admin) }];
        Object.assign(m, { body: '', deletedAt: now });
      }
      for (const r of state().reports) if (r.message.id === report.message.id) r.message = { ...r.message, deleted: true };
    }
    return report;
  }),
];
