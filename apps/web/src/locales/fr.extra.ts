// French, the strings of screens the home page does not show (chat, calls, playlists, listening, sharing, explore,
// profiles, moderation): fetched after the first render (i18n.ts `loadExtraTranslations`).
import adminReports from './fr.admin-reports.json';
import calls from './fr.calls.json';
import chatRooms from './fr.chat-rooms.json';
import chat from './fr.chat.json';
import chat2 from './fr.chat2.json';
import embed from './fr.embed.json';
import explore from './fr.explore.json';
import groups from './fr.groups.json';
import listen from './fr.listen.json';
import notifications from './fr.notifications.json';
import playlists from './fr.playlists.json';
import profile from './fr.profile.json';
import share from './fr.share.json';
import search from './fr.search.json';
import { deepMerge, type Tree } from './merge.ts';

export default deepMerge(chat as Tree, calls as Tree, chat2 as Tree, chatRooms as Tree, adminReports as Tree, explore as Tree, share as Tree, embed as Tree, profile as Tree, playlists as Tree, listen as Tree, notifications as Tree, search as Tree, groups as Tree);
