// A compact, curated emoji grid instead of a picker library: the full pickers weigh 200–400 KB (data included) for a
// composer that mostly needs a few dozen faces, hands and music symbols, and typing the emoji itself still works
// for everything else (system emoji keyboards on phones, Win+. / Ctrl+Cmd+Space on desktops).
export interface EmojiGroup {
  id: 'smileys' | 'gestures' | 'music' | 'symbols';
  emoji: string[];
}

export const EMOJI_GROUPS: EmojiGroup[] = [
  { id: 'smileys', emoji: ['😀', '😄', '😁', '😂', '🤣', '😊', '😍', '🥰', '😘', '😎', '🤩', '🥳', '😉', '😋', '🤔', '🤨', '😐', '🙄', '😏', '😴', '😮', '😢', '😭', '😤', '😡', '🤯', '😱', '🤗', '🙃', '😅'] },
  { id: 'gestures', emoji: ['👍', '👎', '👏', '🙌', '🙏', '🤝', '👋', '✌️', '🤘', '🤟', '👌', '💪', '👀', '🫶', '☝️', '🔥'] },
  { id: 'music', emoji: ['🎵', '🎶', '🎤', '🎧', '🎸', '🎹', '🥁', '🎷', '🎺', '🎻', '🪕', '📻', '🎚️', '🎛️', '💿', '📀'] },
  { id: 'symbols', emoji: ['❤️', '💜', '💙', '💚', '💛', '🧡', '🖤', '💯', '✨', '⭐', '🌟', '⚡', '🎉', '✅', '❌', '❓'] },
];
