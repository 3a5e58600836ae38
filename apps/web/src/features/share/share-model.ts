import type { TrackDto } from '@veza/api';
import { trackHref } from '../tracks/track-model.ts';

/** The track page's full URL, as people paste it. */
export const trackUrl = (trackId: string, origin = window.location.origin) => new URL(trackHref(trackId), origin).toString();

/** Whether a track can be embedded or sent to chat as a card: public and unlisted tracks (private ones show to nobody else). */
export const canEmbed = (track: Pick<TrackDto, 'visibility'>) => track.visibility !== 'private';

/**
 * The embed page's URL and the `<iframe>` snippet for a size (validators EMBED_SIZES; the same markup the server's oEmbed
 * answers). No @veza/validators import here: this module is in the track lists' chunk, which must stay free of zod.
 */
export function embedSnippet(trackId: string, title: string, { width, height }: { width: number; height: number }, origin = window.location.origin) {
  const src = new URL(`/embed/track/${trackId}`, origin).toString();
  const escape = (value: string) => value.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
  return {
    src,
    width,
    height,
    html: `<iframe src="${escape(src)}" width="${width}" height="${height}" title="${escape(`${title} on Veza`)}" style="border:0" loading="lazy" allow="autoplay; encrypted-media"></iframe>`,
  };
}

/** Copies text; false when the browser refuses (no clipboard, no permission). */
export async function copyText(text: string): Promise<boolean> {
  try {
    if (!navigator.clipboard) return false;
    await navigator.clipboard.writeText(text);
    return true;
  } catch {
    return false;
  }
}

