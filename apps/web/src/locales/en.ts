// English, fetched on its own (i18n.ts loads only the active language).
import adminReports from './en.admin-reports.json';
import account from './en.account.json';
import chat from './en.chat.json';
import chat2 from './en.chat2.json';
import chatRooms from './en.chat-rooms.json';
import comments from './en.comments.json';
import calls from './en.calls.json';
import base from './en.json';
import presence from './en.presence.json';
import security from './en.security.json';
import social from './en.social.json';
import feed from './en.feed.json';
import upload from './en.upload.json';
import { deepMerge, type Tree } from './merge.ts';

export default deepMerge(base as Tree, security as Tree, account as Tree, upload as Tree, chat as Tree, calls as Tree, chat2 as Tree, chatRooms as Tree, presence as Tree, adminReports as Tree, social as Tree, feed as Tree, comments as Tree);
