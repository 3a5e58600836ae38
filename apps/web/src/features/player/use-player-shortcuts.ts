import { useEffect } from 'react';
import { usePlayerSettings } from '../../stores/player-settings.ts';
import { usePlayer } from '../../stores/player.ts';
import { usePlayerUi } from './player-ui.ts';
import { shortcutFor, type ShortcutAction } from './shortcuts.ts';

/** Runs a shortcut; false when it does not apply now (nothing loaded), so the key keeps its default. */
export function runShortcut(action: ShortcutAction): boolean {
  const player = usePlayer.getState();
  const settings = usePlayerSettings.getState();
  if (action.type === 'help') {
    usePlayerUi.getState().setHelpOpen(true);
    return true;
  }
  if (!player.track) return false;
  switch (action.type) {
    case 'toggle':
      player.toggle();
      break;
    case 'seekBy':
      player.seekBy(action.seconds);
      break;
    case 'next':
      player.next();
      break;
    case 'previous':
      player.previous();
      break;
    case 'mute':
      settings.setMuted(!settings.muted);
      break;
    case 'volumeBy':
      settings.setVolume(Math.round((settings.volume + action.delta) * 100) / 100);
      break;
  }
  return true;
}

/** Global player keys, ignored while typing. */
export function usePlayerShortcuts() {
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      const action = shortcutFor(event);
      if (action && runShortcut(action)) event.preventDefault();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);
}
