// English, the part the first screen needs (home, header, player, sign-in), fetched on its own: i18n.ts loads only
// the active language, and its other screens' strings (en.extra.ts) right after the first render (or with it, when
// the first screen is not home). A namespace used by the app's frame goes here; a screen's own namespace goes there.
import account from './en.account.json';
import autoplay from './en.autoplay.json';
import comments from './en.comments.json';
import feed from './en.feed.json';
import base from './en.json';
import presence from './en.presence.json';
import security from './en.security.json';
import social from './en.social.json';
import upload from './en.upload.json';
import { deepMerge, type Tree } from './merge.ts';

export default deepMerge(base as Tree, security as Tree, account as Tree, upload as Tree, presence as Tree, social as Tree, feed as Tree, comments as Tree, autoplay as Tree);
