import '@veza/ui/styles.css';
import './embed.css';
import { StrictMode, useEffect, useState } from 'react';
import { createRoot } from 'react-dom/client';
import { embedTarget, fetchEmbed, type EmbedLoad } from './embed-api.ts';
import { EmbedPlayer } from './embed-player.tsx';
import { embedLanguage, translator } from './embed-text.ts';

// The embeddable player's page (/embed/track/:id, embed.html): a separate entry from the app, so a site showing the
// player loads React, this file and the waveform, and nothing of the app. hls.js comes only on the first play.
const language = embedLanguage(window.location.search, navigator.languages ?? [navigator.language]);
document.documentElement.lang = language;
const t = translator(language);
const target = embedTarget(window.location.pathname, window.location.search);

function EmbedPage() {
  const [load, setLoad] = useState<EmbedLoad | null>(target ? null : { kind: 'unavailable' });
  const [attempt, setAttempt] = useState(0);
  useEffect(() => {
    if (!target) return;
    let live = true;
    void fetchEmbed(target).then((result) => {
      if (live) setLoad(result);
    });
    return () => {
      live = false;
    };
  }, [attempt]);
  const retry = () => {
    setLoad(null);
    setAttempt((n) => n + 1);
  };
  useEffect(() => {
    if (load?.kind === 'ready') document.title = `${load.track.title} — ${load.track.artistName} · Veza`;
  }, [load]);
  return <EmbedPlayer load={load} t={t} onRetry={retry} />;
}

const root = document.getElementById('embed');
if (!root) throw new Error('Missing #embed');
createRoot(root).render(
  <StrictMode>
    <EmbedPage />
  </StrictMode>,
);
