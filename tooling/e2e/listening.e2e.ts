import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import { denseWav, sineWav } from '@veza/media';

// Listening, end to end: two 30-second tones (FLAC and MP3) uploaded at once → processed to HLS with the
// status going to ready live → played through hls.js from a list → quality switched → seek on the waveform → the next
// track starts without a gap.
const PASSWORD = 'correct horse battery staple';
const run = Date.now().toString(36).slice(-5);
const user = `lis${run}`;

function tones() {
  const dir = mkdtempSync(join(tmpdir(), 'veza-e2e-audio-'));
  const wav = (hz: number) => {
    const path = join(dir, `${hz}.wav`);
    writeFileSync(path, sineWav({ seconds: 30, frequency: hz, channels: 2 }));
    return path;
  };
  execFileSync('ffmpeg', ['-v', 'error', '-y', '-i', wav(440), join(dir, 'first.flac')]);
  // Dense audio (a tone would code in ~110 kbit/s at any rung and get one rendition): a 192 kbps MP3 gets 96 + 160.
  const dense = join(dir, 'dense.wav');
  writeFileSync(dense, denseWav({ seconds: 30 }));
  execFileSync('ffmpeg', ['-v', 'error', '-y', '-i', dense, '-c:a', 'libmp3lame', '-b:a', '192k', join(dir, 'second.mp3')]);
  return {
    flac: { name: 'first.flac', mimeType: 'audio/flac', buffer: readFileSync(join(dir, 'first.flac')) },
    mp3: { name: 'second.mp3', mimeType: 'audio/mpeg', buffer: readFileSync(join(dir, 'second.mp3')) },
  };
}

/** Records when media elements end and start playing, to measure the gap between two tracks. */
async function recordTransitions(page: Page) {
  await page.evaluate(() => {
    const w = window as unknown as { __events: { type: string; t: number; src: string }[] };
    w.__events = [];
    for (const type of ['ended', 'playing']) {
      document.addEventListener(type, (e) => w.__events.push({ type, t: performance.now(), src: (e.target as HTMLMediaElement).currentSrc }), true);
    }
  });
}

test('upload two formats, watch them get ready, play adaptive HLS, switch quality, seek, go gapless to the next', async ({ page }) => {
  test.setTimeout(180_000);
  const files = tones();

  await page.goto('/signup');
  await page.getByLabel('Email', { exact: true }).fill(`${user}@example.com`);
  await page.getByLabel('Username', { exact: true }).fill(user);
  await page.getByLabel('Password', { exact: true }).fill(PASSWORD);
  await page.getByRole('button', { name: 'Create account' }).click();
  await expect(page.getByRole('button', { name: 'Log out' })).toBeVisible();

  // Both files at once, started as soon as they are added; the titles come from the tags or the file names.
  await page.getByRole('link', { name: 'Upload' }).click();
  await page.getByLabel('Choose audio files or drop them here').setInputFiles([files.flac, files.mp3]);
  const items = page.getByTestId('upload-item');
  await expect(items).toHaveCount(2);
  // Processing status arrives live over the subscription, no reload.
  for (const item of await items.all()) {
    await expect(item).toHaveAttribute('data-status', 'done', { timeout: 30_000 });
    await expect(item.getByText(/Ready — adaptive streaming is on/)).toBeVisible({ timeout: 90_000 });
  }

  // Play the profile list (newest first): "second", then "first" from the queue.
  const hlsRequests: string[] = [];
  page.on('request', (r) => {
    if (r.url().includes('/media/hls/')) hlsRequests.push(r.url());
  });
  await page.goto(`/u/${user}`);
  await expect(page.getByRole('link', { name: 'first' })).toBeVisible();
  await page.getByRole('button', { name: 'Play “second”' }).click();
  // The player persists while we open the playing track's page.
  await page.getByRole('link', { name: 'second' }).first().click();
  await expect(page.getByRole('heading', { level: 1, name: 'second' })).toBeVisible();
  const audio = page.getByTestId('audio-player');
  await expect.poll(() => audio.evaluate((el: HTMLAudioElement) => el.currentTime)).toBeGreaterThan(1);
  // hls.js plays through Media Source Extensions, fed by the signed HLS URLs.
  expect(await audio.evaluate((el: HTMLAudioElement) => el.currentSrc.startsWith('blob:'))).toBe(true);
  expect(hlsRequests.some((u) => u.endsWith('/master.m3u8'))).toBe(true);

  // The menu offers what the stream really has (never above the 192 kbps source); choosing "96 kbps" fetches /96/.
  const quality = page.getByLabel('Quality');
  await expect(quality.locator('option')).toHaveText([/^Auto/, '96 kbps', '160 kbps']);
  const before = hlsRequests.length;
  await quality.selectOption('96');
  await expect.poll(() => hlsRequests.slice(before).some((u) => /\/96\/(index\.m3u8|seg_\d+\.m4s|init\.mp4)$/.test(u))).toBe(true);

  // Seek on the track page's waveform: click at 50 %.
  const waveform = page.getByRole('main').getByRole('slider', { name: 'Seek', exact: true });
  const box = await waveform.boundingBox();
  if (!box) throw new Error('no waveform');
  await page.mouse.click(box.x + box.width * 0.5, box.y + box.height / 2);
  await expect.poll(() => audio.evaluate((el: HTMLAudioElement) => el.currentTime)).toBeGreaterThan(13);
  expect(await audio.evaluate((el: HTMLAudioElement) => el.currentTime)).toBeLessThan(20);

  // Near the end, the next track is preloaded and takes over without a gap.
  await recordTransitions(page);
  await page.evaluate(() => {
    const el = document.querySelector<HTMLAudioElement>('[data-testid="audio-player"]');
    if (el) el.currentTime = el.duration - 3;
  });
  await expect(page.getByRole('region', { name: 'Player' })).toContainText('first', { timeout: 20_000 });
  await expect.poll(() => audio.evaluate((el: HTMLAudioElement) => el.currentTime)).toBeGreaterThan(0.5);
  const gapMs = await page.evaluate(() => {
    const events = (window as unknown as { __events: { type: string; t: number }[] }).__events;
    const ended = events.find((e) => e.type === 'ended');
    const next = events.find((e) => e.type === 'playing' && ended && e.t >= ended.t - 50);
    return ended && next ? next.t - ended.t : null;
  });
  expect(gapMs).not.toBeNull();
  expect(gapMs ?? Infinity).toBeLessThan(250);
});
