// A chat search's page of results (issue 10): the messages found, read as plain rows in one query (search.repository.ts
// finds their ids).
import type { Em } from '../orm.ts';
import type { MessageKind } from './message.entity.ts';
import type { RoomKind } from './room.entity.ts';

/**
 * The results' messages (these ids, not deleted, in that order) as plain rows, with what their DTOs show: room,
 * author, the message replied to and its author, reactions (as reactionsRepository.summaries orders them, `mine`
 * for `viewerId`), mentions (by username, as mentionsRepository.of) and whether they carry attachments, in one
 * query. Plain rows, not entities: hydrating the page's messages, authors, rooms and quotes cost more CPU than the
 * search's window query (see the README, Chat: Search).
 */
export async function searchResults(em: Em, ids: string[], viewerId: string): Promise<SearchMessageRow[]> {
  if (ids.length === 0) return [];
  const rows = await em.execute<RawSearchMessageRow[]>(
    `select m.id, m.seq, m.room_id, r.name as room_name, r.kind as room_kind,
      a.id as author_id, a.username as author_username, a.display_name as author_display_name,
      m.client_message_id, m.body, m.kind, m.created_at, m.edited_at, m.deleted_at,
      p.id as reply_id, p.seq as reply_seq, p.body as reply_body, p.created_at as reply_created_at, p.deleted_at as reply_deleted_at, p.kind as reply_kind,
      pa.id as reply_author_id, pa.username as reply_author_username, pa.display_name as reply_author_display_name,
      (select json_agg(json_build_array(x.emoji, x.n, x.mine) order by x.first, x.emoji)
        from (select emoji, count(*) as n, bool_or(user_id = ?) as mine, min(created_at) as first
              from message_reactions where message_id = m.id group by emoji) x) as reactions,
      (select json_agg(json_build_array(u.id, u.username, u.display_name) order by u.username)
        from message_mentions mm join users u on u.id = mm.user_id where mm.message_id = m.id) as mentions,
      exists (select 1 from message_attachments ma where ma.message_id = m.id) as attached
    from messages m
    join rooms r on r.id = m.room_id
    left join users a on a.id = m.author_id
    left join messages p on p.id = m.reply_to_id
    left join users pa on pa.id = p.author_id
    where m.id = any(?::bigint[]) and m.deleted_at is null`,
    [viewerId, `{${ids.join(',')}}`],
  );
  const byId = new Map(rows.map((r) => [String(r.id), r]));
  return ids.flatMap((id) => {
    const r = byId.get(id);
    if (!r) return [];
    const user = (uid: string | null, username: string | null, displayName: string | null) => (uid && username ? { id: uid, username, displayName } : null);
    return [
      {
        id,
        seq: Number(r.seq),
        room: { id: r.room_id, name: r.room_name, kind: r.room_kind },
        author: user(r.author_id, r.author_username, r.author_display_name),
        clientMessageId: r.client_message_id,
        body: r.body,
        kind: r.kind,
        createdAt: asDate(r.created_at),
        editedAt: r.edited_at == null ? null : asDate(r.edited_at),
        replyTo:
          r.reply_id == null
            ? null
            : {
                id: String(r.reply_id),
                seq: Number(r.reply_seq),
                author: user(r.reply_author_id, r.reply_author_username, r.reply_author_display_name),
                body: r.reply_body ?? '',
                createdAt: asDate(r.reply_created_at as Date | string),
                deletedAt: r.reply_deleted_at == null ? null : asDate(r.reply_deleted_at),
                kind: r.reply_kind ?? 'text',
              },
        reactions: (parseJson(r.reactions) as [string, number, boolean | null][] | null)?.map(([emoji, count, mine]) => ({ emoji, count: Number(count), mine: mine === true })) ?? [],
        mentions: (parseJson(r.mentions) as [string, string, string | null][] | null)?.map(([uid, username, displayName]) => ({ id: uid, username, displayName })) ?? [],
        hasAttachments: r.attached === true,
      },
    ];
  });
}

/** A search result's message, read by `searchResults`. */
export interface SearchMessageRow {
  id: string;
  seq: number;
  room: { id: string; name: string | null; kind: RoomKind };
  author: SearchUserRow | null;
  clientMessageId: string;
  body: string;
  kind: MessageKind;
  createdAt: Date;
  editedAt: Date | null;
  replyTo: { id: string; seq: number; author: SearchUserRow | null; body: string; createdAt: Date; deletedAt: Date | null; kind: MessageKind } | null;
  /** In the order each emoji was first used; `mine`: the viewer reacted with it. */
  reactions: { emoji: string; count: number; mine: boolean }[];
  /** By username. */
  mentions: SearchUserRow[];
  hasAttachments: boolean;
}

export interface SearchUserRow {
  id: string;
  username: string;
  displayName: string | null;
}

interface RawSearchMessageRow {
  id: string | number;
  seq: string | number;
  room_id: string;
  room_name: string | null;
  room_kind: RoomKind;
  author_id: string | null;
  author_username: string | null;
  author_display_name: string | null;
  client_message_id: string;
  body: string;
  kind: MessageKind;
  created_at: Date | string;
  edited_at: Date | string | null;
  deleted_at: Date | string | null;
  reply_id: string | number | null;
  reply_seq: string | number | null;
  reply_body: string | null;
  reply_created_at: Date | string | null;
  reply_deleted_at: Date | string | null;
  reply_kind: MessageKind | null;
  reply_author_id: string | null;
  reply_author_username: string | null;
  reply_author_display_name: string | null;
  reactions: unknown;
  mentions: unknown;
  attached: boolean;
}

const asDate = (v: Date | string) => (v instanceof Date ? v : new Date(v));
const parseJson = (v: unknown): unknown => (typeof v === 'string' ? JSON.parse(v) : v);
