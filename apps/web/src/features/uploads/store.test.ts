import { beforeEach, describe, expect, it, vi } from 'vitest';
import { flacFile, textFile, wavFile } from '../../test/audio-files.ts';
import { FakeUpload, storedUploads } from '../../test/fake-tus.ts';
import { useToasts } from '../../stores/toasts.ts';
import { canRetry, MAX_CONCURRENT_UPLOADS, registerDetailsSaver, resetUploads, showingUploadList, useUploads, type DetailsSaver } from './store.ts';

vi.mock('tus-js-client', async () => (await import('../../test/fake-tus.ts')).fakeTusModule);

const items = () => useUploads.getState().items;
const statuses = () => items().map((item) => item.status);
const itemOf = (name: string) => items().find((item) => item.file.name === name)!;
const idOf = (name: string) => itemOf(name).id;
/** The fake upload created for a file, once its `start()` has run (start awaits the resume lookup). */
/** The first check loads the tag parser: over vi.waitFor's 1 s default on a busy machine (CI runs suites side by side). */
const WAIT = { timeout: 10_000 };
const uploadOf = async (name: string) => {
  await vi.waitFor(() => expect(FakeUpload.instances.find((u) => u.file.name === name)?.starts).toBeGreaterThan(0), WAIT);
  return FakeUpload.instances.find((u) => u.file.name === name)!;
};
/** Waits until the browser-side check of every file is over. */
const checked = () => vi.waitFor(() => expect(statuses()).not.toContain('checking'), WAIT);

describe('upload store', () => {
  beforeEach(() => {
    resetUploads();
    FakeUpload.reset();
  });

  it('refuses files whose first bytes are not audio, or that are empty, without sending anything', async () => {
    useUploads.getState().addFiles([wavFile('a.wav'), textFile('fake.mp3'), new File([], 'empty.mp3', { type: 'audio/mpeg' }), new File(['x'], 'notes.txt', { type: 'text/plain' })]);
    expect(statuses()).toEqual(['checking', 'checking', 'checking', 'checking']);
    await checked();
    expect(items().map((item) => [item.file.name, item.status, item.rejection])).toEqual([
      ['a.wav', 'uploading', null],
      ['fake.mp3', 'rejected', 'type'],
      ['empty.mp3', 'rejected', 'empty'],
      ['notes.txt', 'rejected', 'type'],
    ]);
    await uploadOf('a.wav');
    expect(FakeUpload.instances.map((u) => u.file.name)).toEqual(['a.wav']);
    // A rejected file cannot be retried into an upload.
    useUploads.getState().retry(idOf('fake.mp3'));
    expect(itemOf('fake.mp3').status).toBe('rejected');
  });

  it('titles a file from its tags, else from its name, and sends that title', async () => {
    useUploads.getState().addFiles([flacFile('b.flac', 'Morning Light'), wavFile('night_drive.wav')]);
    // Before the tags are read, the name stands in.
    expect(items().map((item) => item.details.title)).toEqual(['b', 'night drive']);
    await checked();
    expect(items().map((item) => item.details.title)).toEqual(['Morning Light', 'night drive']);
    expect((await uploadOf('b.flac')).options.metadata).toMatchObject({ filename: 'b.flac', title: 'Morning Light' });
    expect((await uploadOf('night_drive.wav')).options.metadata).toMatchObject({ title: 'night drive' });
  });

  it('keeps a title typed before the tags were read', async () => {
    useUploads.getState().addFiles([flacFile('b.flac', 'Morning Light')]);
    useUploads.getState().setDetails(idOf('b.flac'), { title: 'Sunrise' });
    await checked();
    expect(itemOf('b.flac').details.title).toBe('Sunrise');
    expect((await uploadOf('b.flac')).options.metadata).toMatchObject({ title: 'Sunrise' });
  });

  it('starts at once, sends two files at a time with the tus settings, and queues the rest', async () => {
    expect(MAX_CONCURRENT_UPLOADS).toBe(2);
    useUploads.getState().addFiles([wavFile('one.wav', 1000), wavFile('two.wav'), wavFile('three.wav')]);
    await checked();
    expect(statuses()).toEqual(['uploading', 'uploading', 'waiting']);

    const one = await uploadOf('one.wav');
    await uploadOf('two.wav');
    expect(FakeUpload.instances).toHaveLength(2);
    expect(one.options).toMatchObject({
      endpoint: '/api/uploads',
      chunkSize: 8 * 1024 * 1024,
      retryDelays: [0, 1000, 3000, 5000, 10000],
      removeFingerprintOnSuccess: true,
      metadata: { filename: 'one.wav', filetype: 'audio/wav', title: 'one' },
    });

    one.progress(370);
    expect(items()[0]).toMatchObject({ bytesSent: 370, bytesTotal: 1000 });

    one.succeed('track-1');
    expect(items()[0]).toMatchObject({ status: 'done', trackId: 'track-1' });
    // Nobody is looking at the list: a toast says the file is up.
    expect(useToasts.getState().toasts.map((toast) => toast.title)).toEqual(['“one.wav” is uploaded.']);
    expect(statuses()).toEqual(['done', 'uploading', 'uploading']);
    await uploadOf('three.wav');
  });

  it('pauses (keeping the server copy), gives the slot to the next file, and resumes from the offset', async () => {
    const { addFiles, pause, resume } = useUploads.getState();
    addFiles([wavFile('one.wav'), wavFile('two.wav'), wavFile('three.wav')]);
    await checked();
    const one = await uploadOf('one.wav');
    const two = await uploadOf('two.wav');

    pause(idOf('one.wav'));
    expect(one.aborts).toEqual([false]);
    expect(statuses()).toEqual(['paused', 'uploading', 'uploading']);
    await uploadOf('three.wav');

    // No free slot: the resumed file waits its turn, then continues with the same tus upload.
    resume(idOf('one.wav'));
    expect(statuses()).toEqual(['waiting', 'uploading', 'uploading']);
    const hide = showingUploadList();
    two.succeed('track-2');
    hide();
    expect(useToasts.getState().toasts).toEqual([]);
    expect(statuses()).toEqual(['uploading', 'done', 'uploading']);
    await vi.waitFor(() => expect(one.starts).toBe(2));
    expect(FakeUpload.instances).toHaveLength(3);
  });

  it('retries what a retry can fix (a dropped connection), not what it cannot (too large)', async () => {
    const { addFiles, retry } = useUploads.getState();
    addFiles([wavFile('live-set.wav'), wavFile('huge.wav')]);
    await checked();
    const live = await uploadOf('live-set.wav');
    const huge = await uploadOf('huge.wav');
    huge.fail(413, 'PAYLOAD_TOO_LARGE', 'This file is too large. The limit is 200 MB.');
    live.options.onError?.(Object.assign(new Error('network'), { originalRequest: {}, originalResponse: null, causingError: null }) as never);
    expect(itemOf('huge.wav')).toMatchObject({
      status: 'failed',
      failure: { reason: 'http', status: 413, code: 'PAYLOAD_TOO_LARGE', message: 'This file is too large. The limit is 200 MB.' },
    });
    expect(itemOf('live-set.wav')).toMatchObject({ status: 'failed', failure: { reason: 'network' } });

    retry(idOf('huge.wav'));
    expect(itemOf('huge.wav').status).toBe('failed');
    retry(idOf('live-set.wav'));
    expect(itemOf('live-set.wav')).toMatchObject({ status: 'uploading', failure: null });
    await vi.waitFor(() => expect(live.starts).toBe(2));
  });

  it('knows which failures a retry can fix', () => {
    const http = (status: number) => ({ reason: 'http' as const, status, code: null, message: null });
    expect([null, { reason: 'network' as const }, http(500), http(503), http(429), http(401), http(409)].map(canRetry)).toEqual([true, true, true, true, true, true, true]);
    expect([http(400), http(413), http(415), http(422)].map(canRetry)).toEqual([false, false, false, false]);
  });

  it('sends the details of the moment with the upload, then saves each edit against the upload before the track exists', async () => {
    const saves: Parameters<DetailsSaver>[] = [];
    const unregister = registerDetailsSaver(async (...args) => {
      saves.push(args);
    });
    try {
      const { addFiles, setDetails, saveDetails } = useUploads.getState();
      addFiles([flacFile('b.flac', 'Morning Light')]);
      // Chosen before the upload starts: it goes with the creation, so the track can never be public.
      setDetails(idOf('b.flac'), { visibility: 'private' });
      await checked();
      const upload = await uploadOf('b.flac');
      expect(upload.options.metadata).toMatchObject({ filename: 'b.flac', title: 'Morning Light', visibility: 'private' });
      expect(upload.options.metadata).not.toHaveProperty('tags');
      expect(itemOf('b.flac')).toMatchObject({ uploadId: 'upload0', saved: { title: 'Morning Light', tags: [], visibility: 'private' } });
      expect(saves).toEqual([]);

      // Typed while the bytes go: saved beside the upload at once, not when the track exists.
      setDetails(idOf('b.flac'), { title: 'Morning Light (demo)', tags: ['ambient'] });
      saveDetails(idOf('b.flac'));
      await vi.waitFor(() => expect(saves).toEqual([['upload0', { title: 'Morning Light (demo)', tags: ['ambient'] }]]));
      await vi.waitFor(() => expect(itemOf('b.flac')).toMatchObject({ status: 'uploading', trackId: null, saving: false, saved: { title: 'Morning Light (demo)', tags: ['ambient'], visibility: 'private' } }));

      // The track was created with them: nothing is left to save when it exists.
      upload.succeed('track-9');
      expect(itemOf('b.flac')).toMatchObject({ status: 'done', trackId: 'track-9' });
      saveDetails(idOf('b.flac'));
      expect(saves).toHaveLength(1);

      // A later edit names the same upload; the server sends it to the track.
      setDetails(idOf('b.flac'), { visibility: 'unlisted' });
      saveDetails(idOf('b.flac'));
      await vi.waitFor(() => expect(saves).toHaveLength(2));
      expect(saves[1]).toEqual(['upload0', { visibility: 'unlisted' }]);
    } finally {
      unregister();
    }
  });

  it('waits with an edit until the upload exists, and sends it with the creation', async () => {
    const saves: Parameters<DetailsSaver>[] = [];
    const unregister = registerDetailsSaver(async (...args) => {
      saves.push(args);
    });
    try {
      const { addFiles, setDetails, saveDetails } = useUploads.getState();
      addFiles([wavFile('a.wav'), wavFile('b.wav'), wavFile('c.wav')]);
      await checked();
      expect(itemOf('c.wav').status).toBe('waiting');
      setDetails(idOf('c.wav'), { tags: ['dub'], visibility: 'unlisted' });
      saveDetails(idOf('c.wav'));
      expect(saves).toEqual([]);
      (await uploadOf('a.wav')).succeed('track-a');
      const c = await uploadOf('c.wav');
      expect(c.options.metadata).toMatchObject({ title: 'c', visibility: 'unlisted', tags: '["dub"]' });
      expect(itemOf('c.wav').saved).toEqual({ title: 'c', tags: ['dub'], visibility: 'unlisted' });
      expect(saves).toEqual([]);
    } finally {
      unregister();
    }
  });

  it('saves a title typed after a blank one was sent (the server chose its own)', async () => {
    const saves: Parameters<DetailsSaver>[] = [];
    const unregister = registerDetailsSaver(async (...args) => {
      saves.push(args);
    });
    try {
      const { addFiles, setDetails, saveDetails } = useUploads.getState();
      addFiles([wavFile('a.wav'), wavFile('b.wav'), wavFile('c.wav')]);
      await checked();
      // c.wav waits for a slot; its title is cleared before it starts, then typed again while it uploads.
      setDetails(idOf('c.wav'), { title: '  ' });
      (await uploadOf('a.wav')).succeed('track-a');
      const c = await uploadOf('c.wav');
      expect(c.options.metadata).not.toHaveProperty('title');
      setDetails(idOf('c.wav'), { title: 'Cello take' });
      saveDetails(idOf('c.wav'));
      await vi.waitFor(() => expect(saves).toEqual([['upload2', { title: 'Cello take' }]]));
    } finally {
      unregister();
    }
  });

  it('sends every detail for an upload continued from an earlier visit (what it has is unknown)', async () => {
    storedUploads.push({ filename: 'sunrise.wav', creationTime: '2026-11-21T10:00:00Z' });
    const saves: Parameters<DetailsSaver>[] = [];
    const unregister = registerDetailsSaver(async (...args) => {
      saves.push(args);
    });
    try {
      useUploads.getState().addFiles([wavFile('sunrise.wav')]);
      await checked();
      await uploadOf('sunrise.wav');
      await vi.waitFor(() => expect(saves).toEqual([['stored0', { title: 'sunrise', visibility: 'public', tags: [] }]]));
    } finally {
      unregister();
      storedUploads.length = 0;
    }
  });

  it('shows a failed save and saves again on demand', async () => {
    let fail = true;
    const unregister = registerDetailsSaver(async () => {
      if (fail) throw Object.assign(new Error('Title cannot be empty.'), { data: { code: 'BAD_REQUEST' } });
    });
    try {
      const { addFiles, setDetails, saveDetails } = useUploads.getState();
      addFiles([wavFile('a.wav')]);
      await checked();
      await uploadOf('a.wav');
      setDetails(idOf('a.wav'), { tags: ['dub'] });
      saveDetails(idOf('a.wav'));
      await vi.waitFor(() => expect(itemOf('a.wav').saveError).toEqual({ message: 'Title cannot be empty.' }));
      fail = false;
      saveDetails(idOf('a.wav'));
      await vi.waitFor(() => expect(itemOf('a.wav')).toMatchObject({ saveError: null, saved: { tags: ['dub'] } }));
    } finally {
      unregister();
    }
  });

  it('cancels a running upload on the server when it is removed, and starts the next', async () => {
    const { addFiles, remove } = useUploads.getState();
    addFiles([wavFile('one.wav'), wavFile('two.wav'), wavFile('three.wav')]);
    await checked();
    const one = await uploadOf('one.wav');
    remove(idOf('one.wav'));
    expect(one.aborts).toEqual([true]);
    expect(statuses()).toEqual(['uploading', 'uploading']);
    await uploadOf('three.wav');
  });

  it('retries requests that can succeed later and gives up on what cannot', async () => {
    const { shouldRetry } = await import('../../lib/upload.ts');
    expect([null, 500, 503, 409, 423, 429].map(shouldRetry)).toEqual([true, true, true, true, true, true]);
    expect([400, 401, 403, 404, 413, 415, 422].map(shouldRetry)).toEqual([false, false, false, false, false, false, false]);
  });
});
