// Ring tones made with WebAudio (no audio file to ship): the incoming ring (two short bursts of a two-tone chord,
// then silence) and the outgoing ringback (one longer, softer tone), repeated until stopped.

export type RingKind = 'incoming' | 'outgoing';

interface Pattern {
  /** Frequencies played together, Hz. */
  tones: number[];
  /** [start, length] of each burst within one cycle, seconds. */
  bursts: [number, number][];
  cycle: number;
  gain: number;
}

export const RING_PATTERNS: Record<RingKind, Pattern> = {
  incoming: { tones: [440, 480], bursts: [[0, 0.4], [0.6, 0.4]], cycle: 3, gain: 0.12 },
  outgoing: { tones: [440, 480], bursts: [[0, 1.5]], cycle: 4, gain: 0.05 },
};

type AudioContextLike = Pick<AudioContext, 'currentTime' | 'destination' | 'createOscillator' | 'createGain' | 'close' | 'resume'>;

/**
 * Starts ringing; returns a function that stops it. Silent (and harmless) where WebAudio is missing or the page may
 * not play sound yet: the dialog is what matters, the tone is a courtesy.
 */
export function startRing(kind: RingKind, createContext: () => AudioContextLike | null = defaultContext): () => void {
  const context = createContext();
  if (!context) return () => undefined;
  const pattern = RING_PATTERNS[kind];
  let stopped = false;
  let nextCycle = context.currentTime + 0.05;
  const output = context.createGain();
  output.gain.value = pattern.gain;
  output.connect(context.destination);

  /** Schedules a few cycles ahead; called again before they run out. */
  const schedule = () => {
    if (stopped) return;
    while (nextCycle < context.currentTime + pattern.cycle * 2) {
      for (const [start, length] of pattern.bursts) {
        const envelope = context.createGain();
        const at = nextCycle + start;
        envelope.gain.setValueAtTime(0, at);
        envelope.gain.linearRampToValueAtTime(1, at + 0.02);
        envelope.gain.setValueAtTime(1, at + length - 0.03);
        envelope.gain.linearRampToValueAtTime(0, at + length);
        envelope.connect(output);
        for (const frequency of pattern.tones) {
          const oscillator = context.createOscillator();
          oscillator.frequency.value = frequency;
          oscillator.connect(envelope);
          oscillator.start(at);
          oscillator.stop(at + length);
        }
      }
      nextCycle += pattern.cycle;
    }
  };
  void context.resume().catch(() => undefined);
  schedule();
  const timer = setInterval(schedule, pattern.cycle * 1000);
  return () => {
    if (stopped) return;
    stopped = true;
    clearInterval(timer);
    void context.close().catch(() => undefined);
  };
}

function defaultContext(): AudioContextLike | null {
  const Ctor = typeof window === 'undefined' ? undefined : (window.AudioContext ?? (window as unknown as { webkitAudioContext?: typeof AudioContext }).webkitAudioContext);
  if (!Ctor) return null;
  try {
    return new Ctor();
  } catch {
    return null;
  }
}
