import { acceptedAudioType, stripControlCharacters, type AudioFormat } from '@veza/validators';
import { fileTypeFromBlob } from 'file-type';
import { parseBlob } from 'music-metadata';

/**
 * What the browser learns from a file before sending a byte of it. Loaded on demand (file-type and music-metadata
 * stay out of the first load). The server checks the same things again: this only spares a useless upload.
 */
export type Inspection =
  | { ok: true; format: AudioFormat; title: string }
  | { ok: false; reason: 'empty' | 'type' };

const TITLE_MAX = 200;

/** The server's fallback too: the file name without its extension, underscores as spaces. */
export function titleFromFileName(name: string): string {
  const base = name.replace(/^.*[\\/]/, '').replace(/\.[^.]*$/, '') || name;
  return stripControlCharacters(base.replace(/_+/g, ' ')).trim().slice(0, TITLE_MAX);
}

/** The title tag (ID3v2, Vorbis comment, MP4...), cleaned like the server cleans it; null when absent or unreadable. */
async function tagTitle(file: File): Promise<string | null> {
  try {
    const { common } = await parseBlob(file, { duration: false, skipCovers: true, skipPostHeaders: true });
    const clean = common.title ? stripControlCharacters(common.title).trim().slice(0, TITLE_MAX) : '';
    return clean || null;
  } catch {
    // A damaged tag is the server's to judge (it answers 422 if the audio cannot be read); the name will do here.
    return null;
  }
}

/** Checks the container from the first bytes, then reads the title from the tags (falling back to the file name). */
export async function inspectAudioFile(file: File): Promise<Inspection> {
  if (file.size === 0) return { ok: false, reason: 'empty' };
  const detected = await fileTypeFromBlob(file).catch(() => undefined);
  const accepted = acceptedAudioType(detected?.ext);
  if (!accepted) return { ok: false, reason: 'type' };
  return { ok: true, format: accepted.format, title: (await tagTitle(file)) ?? titleFromFileName(file.name) };
}
