// French, fetched on its own (i18n.ts loads only the active language).
import adminReports from './fr.admin-reports.json';
import account from './fr.account.json';
import chat from './fr.chat.json';
import chat2 from './fr.chat2.json';
import chatRooms from './fr.chat-rooms.json';
import comments from './fr.comments.json';
import calls from './fr.calls.json';
import base from './fr.json';
import presence from './fr.presence.json';
import security from './fr.security.json';
import social from './fr.social.json';
import feed from './fr.feed.json';
import upload from './fr.upload.json';
import { deepMerge, type Tree } from './merge.ts';

export default deepMerge(base as Tree, security as Tree, account as Tree, upload as Tree, chat as Tree, calls as Tree, chat2 as Tree, chatRooms as Tree, presence as Tree, adminReports as Tree, social as Tree, feed as Tree, comments as Tree);
