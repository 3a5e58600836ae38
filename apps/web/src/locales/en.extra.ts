// English, the strings of screens the home page does not show (chat, calls, playlists, listening, sharing, explore,
// profiles, moderation): fetched after the first render (i18n.ts `loadExtraTranslations`).
import adminReports from './en.admin-reports.json';
import calls from './en.calls.json';
import chatRooms from './en.chat-rooms.json';
import chat from './en.chat.json';
import chat2 from './en.chat2.json';
import embed from './en.embed.json';
import explore from './en.explore.json';
import groups from './en.groups.json';
import listen from './en.listen.json';
import notifications from './en.notifications.json';
import playlists from './en.playlists.json';
import profile from './en.profile.json';
import share from './en.share.json';
import search from './en.search.json';
import { deepMerge, type Tree } from './merge.ts';

export default deepMerge(chat as Tree, calls as Tree, chat2 as Tree, chatRooms as Tree, adminReports as Tree, explore as Tree, share as Tree, embed as Tree, profile as Tree, playlists as Tree, listen as Tree, notifications as Tree, search as Tree, groups as Tree);
