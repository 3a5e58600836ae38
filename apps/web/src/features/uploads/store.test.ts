import { beforeEach, describe, expect, it, vi } from 'vitest';
import { FakeUpload } from '../../test/fake-tus.ts';
import { useToasts } from '../../stores/toasts.ts';
import { MAX_CONCURRENT_UPLOADS, resetUploads, showingUploadList, useUploads } from './store.ts';

vi.mock('tus-js-client', async () => (await import('../../test/fake-tus.ts')).fakeTusModule);

const audio = (name: string, size = 1000) => new File([new Uint8Array(size)], name, { type: 'audio/wav' });
const items = () => useUploads.getState().items;
const statuses = () => items().map((item) => item.status);
const idOf = (name: string) => items().find((item) => item.file.name === name)!.id;
/** The fake upload created for a file, once its `start()` has run (start awaits the resume lookup). */
const uploadOf = async (name: string) => {
  await vi.waitFor(() => expect(FakeUpload.instances.find((u) => u.file.name === name)?.starts).toBeGreaterThan(0));
  return FakeUpload.instances.find((u) => u.file.name === name)!;
};

describe('upload store', () => {
  beforeEach(() => {
    resetUploads();
    FakeUpload.reset();
  });

  it('refuses files that are not audio or are empty, before sending anything', () => {
    const rejected = useUploads.getState().addFiles([audio('a.wav'), new File(['x'], 'notes.txt', { type: 'text/plain' }), audio('empty.mp3', 0), new File(['x'], 'b.FLAC')]);
    expect(rejected).toEqual([{ name: 'notes.txt', reason: 'type' }, { name: 'empty.mp3', reason: 'empty' }]);
    expect(items().map((item) => [item.file.name, item.status])).toEqual([['a.wav', 'idle'], ['b.FLAC', 'idle']]);
    expect(FakeUpload.instances).toHaveLength(0);
  });

  it('sends two files at a time with the tus settings, and queues the rest', async () => {
    expect(MAX_CONCURRENT_UPLOADS).toBe(2);
    const { addFiles, setTitle, startAll } = useUploads.getState();
    addFiles([audio('one.wav'), audio('two.wav'), audio('three.wav')]);
    setTitle(idOf('one.wav'), '  Sunrise ');
    startAll();
    expect(statuses()).toEqual(['uploading', 'uploading', 'waiting']);

    const one = await uploadOf('one.wav');
    await uploadOf('two.wav');
    expect(FakeUpload.instances).toHaveLength(2);
    expect(one.options).toMatchObject({
      endpoint: '/api/uploads',
      chunkSize: 8 * 1024 * 1024,
      retryDelays: [0, 1000, 3000, 5000, 10000],
      removeFingerprintOnSuccess: true,
      metadata: { filename: 'one.wav', filetype: 'audio/wav', title: 'Sunrise' },
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
    const { addFiles, startAll, pause, resume } = useUploads.getState();
    addFiles([audio('one.wav'), audio('two.wav'), audio('three.wav')]);
    startAll();
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

  it('shows a failure with the server message, and retries on demand', async () => {
    const { addFiles, startAll, retry } = useUploads.getState();
    addFiles([audio('live-set.wav')]);
    startAll();
    const upload = await uploadOf('live-set.wav');
    upload.fail(413, 'PAYLOAD_TOO_LARGE', 'This file is too large. The limit is 200 MB.');
    expect(items()[0]).toMatchObject({
      status: 'failed',
      failure: { reason: 'http', status: 413, code: 'PAYLOAD_TOO_LARGE', message: 'This file is too large. The limit is 200 MB.' },
    });

    retry(idOf('live-set.wav'));
    expect(items()[0]).toMatchObject({ status: 'uploading', failure: null });
    await vi.waitFor(() => expect(upload.starts).toBe(2));
  });

  it('cancels a running upload on the server when it is removed, and starts the next', async () => {
    const { addFiles, startAll, remove } = useUploads.getState();
    addFiles([audio('one.wav'), audio('two.wav'), audio('three.wav')]);
    startAll();
    const one = await uploadOf('one.wav');
    remove(idOf('one.wav'));
    expect(one.aborts).toEqual([true]);
    expect(statuses()).toEqual(['uploading', 'uploading']);
    await uploadOf('three.wav');
  });

  it('retries what can succeed later and gives up on what cannot', async () => {
    const { shouldRetry } = await import('../../lib/upload.ts');
    expect([null, 500, 503, 409, 423, 429].map(shouldRetry)).toEqual([true, true, true, true, true, true]);
    expect([400, 401, 403, 404, 413, 415, 422].map(shouldRetry)).toEqual([false, false, false, false, false, false, false]);
  });
});
