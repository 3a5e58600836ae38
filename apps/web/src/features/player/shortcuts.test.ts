import { afterEach, describe, expect, it } from 'vitest';
import { usePlayerSettings } from '../../stores/player-settings.ts';
import { usePlayer } from '../../stores/player.ts';
import { usePlayerUi } from './player-ui.ts';
import { shortcutFor } from './shortcuts.ts';
import { runShortcut } from './use-player-shortcuts.ts';

const press = (key: string, init: Partial<KeyboardEventInit> = {}, target: EventTarget = document.body) => {
  const event = new KeyboardEvent('keydown', { key, bubbles: true, cancelable: true, ...init });
  Object.defineProperty(event, 'target', { value: target });
  return shortcutFor(event);
};

const element = (html: string) => {
  const host = document.createElement('div');
  host.innerHTML = html;
  document.body.append(host);
  return host.firstElementChild!;
};

describe('player shortcuts', () => {
  afterEach(() => {
    document.body.innerHTML = '';
  });

  it('maps the keys to actions', () => {
    expect(press(' ')).toEqual({ type: 'toggle' });
    expect(press('k')).toEqual({ type: 'toggle' });
    expect(press('j')).toEqual({ type: 'seekBy', seconds: -10 });
    expect(press('ArrowLeft')).toEqual({ type: 'seekBy', seconds: -10 });
    expect(press('l')).toEqual({ type: 'seekBy', seconds: 10 });
    expect(press('ArrowRight')).toEqual({ type: 'seekBy', seconds: 10 });
    expect(press('N', { shiftKey: true })).toEqual({ type: 'next' });
    expect(press('P', { shiftKey: true })).toEqual({ type: 'previous' });
    expect(press('m')).toEqual({ type: 'mute' });
    expect(press('ArrowUp')).toEqual({ type: 'volumeBy', delta: 0.1 });
    expect(press('ArrowDown')).toEqual({ type: 'volumeBy', delta: -0.1 });
    expect(press('?', { shiftKey: true })).toEqual({ type: 'help' });
  });

  it('ignores other keys and modified presses', () => {
    expect(press('x')).toBeNull();
    expect(press('n')).toBeNull();
    expect(press('k', { ctrlKey: true })).toBeNull();
    expect(press('l', { metaKey: true })).toBeNull();
  });

  it('stays out of the way while typing', () => {
    expect(press('k', {}, element('<input type="text">'))).toBeNull();
    expect(press(' ', {}, element('<textarea></textarea>'))).toBeNull();
    expect(press('m', {}, element('<div contenteditable="true"><b>hi</b></div>').firstElementChild!)).toBeNull();
    expect(press('m', {}, element('<select><option>a</option></select>'))).toBeNull();
  });

  it('leaves Space to buttons and arrows to sliders', () => {
    expect(press(' ', {}, element('<button>Like</button>'))).toBeNull();
    expect(press('k', {}, element('<button>Like</button>'))).toEqual({ type: 'toggle' });
    expect(press('ArrowLeft', {}, element('<div role="slider" tabindex="0"></div>'))).toBeNull();
  });

  it('runs the actions on the player and the settings', () => {
    expect(runShortcut({ type: 'toggle' })).toBe(false);
    usePlayer.setState({ track: { id: 'a', title: 'A', artistName: 'Ana', username: 'ana', audioUrl: '/a' }, currentTime: 30, duration: 100 });
    expect(runShortcut({ type: 'seekBy', seconds: 10 })).toBe(true);
    expect(usePlayer.getState().currentTime).toBe(40);
    usePlayerSettings.setState({ volume: 0.5, muted: false });
    runShortcut({ type: 'volumeBy', delta: 0.1 });
    expect(usePlayerSettings.getState().volume).toBeCloseTo(0.6);
    runShortcut({ type: 'mute' });
    expect(usePlayerSettings.getState().muted).toBe(true);
    runShortcut({ type: 'help' });
    expect(usePlayerUi.getState().helpOpen).toBe(true);
  });
});
