// Presence of the people on screen: `presence.get`, then kept live by `presence.onChange` (one query and one
// subscription per set of ids; the chat screen's implementation, shared app-wide from here).
export { usePresence, type PresenceItem, type PresenceStatus } from '../chat/presence.tsx';
