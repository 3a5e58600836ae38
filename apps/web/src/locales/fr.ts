// French, the part the first screen needs (home, header, player, sign-in), fetched on its own: i18n.ts loads only
// the active language, and its other screens' strings (fr.extra.ts) right after the first render (or with it, when
// the first screen is not home). A namespace used by the app's frame goes here; a screen's own namespace goes there.
import account from './fr.account.json';
import autoplay from './fr.autoplay.json';
import comments from './fr.comments.json';
import feed from './fr.feed.json';
import base from './fr.json';
import presence from './fr.presence.json';
import security from './fr.security.json';
import social from './fr.social.json';
import upload from './fr.upload.json';
import { deepMerge, type Tree } from './merge.ts';

export default deepMerge(base as Tree, security as Tree, account as Tree, upload as Tree, presence as Tree, social as Tree, feed as Tree, comments as Tree, autoplay as Tree);
