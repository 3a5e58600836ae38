import { AUDIO_ACCEPT } from '@veza/validators';
import { Button, Card, FileDrop } from '@veza/ui';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { PageHeading } from '../../components/page-heading.tsx';
import { isActive, showingUploadList, useUploads } from '../../features/uploads/store.ts';
import { useUploadDetailsSaver } from '../../features/uploads/use-details-saver.ts';
import { unfinishedUploads } from '../../lib/upload.ts';
import { trpc } from '../../trpc.ts';
import { UploadItemRow } from './upload-item.tsx';
import './upload.css';

/** Track ids whose lists were already refreshed (uploads outlive this page). */
const refreshedFor = new Set<string>();

/**
 * `/upload` (signed in): add several audio files; each is checked in the browser and sent at once (two at a time,
 * resumable), while its title, visibility and tags can still be changed. The list lives in a store: leaving the
 * page keeps the uploads going, and the header shows their progress.
 */
export function UploadPage() {
  const { t } = useTranslation();
  const utils = trpc.useUtils();
  const items = useUploads((s) => s.items);
  const [unfinished, setUnfinished] = useState<string[]>([]);
  const done = items.filter((item) => item.status === 'done').length;
  const active = items.filter(isActive).length;

  useEffect(showingUploadList, []);
  // The first bytes and tags of each added file are read by this chunk: fetch it before the first file arrives.
  useEffect(() => void import('../../features/uploads/inspect.ts').catch(() => undefined), []);
  useUploadDetailsSaver();
  useEffect(() => {
    let live = true;
    void unfinishedUploads().then((names) => {
      if (live) setUnfinished(names);
    });
    return () => {
      live = false;
    };
  }, []);
  // Files of an earlier visit that are not in the list again yet.
  const resumable = unfinished.filter((name) => !items.some((item) => item.file.name === name));

  // New tracks appear on the home page and the profile.
  const doneIds = items.filter((item) => item.trackId).map((item) => item.trackId ?? '').join(',');
  useEffect(() => {
    const fresh = doneIds.split(',').filter((id) => id && !refreshedFor.has(id));
    if (fresh.length === 0) return;
    for (const id of fresh) refreshedFor.add(id);
    void utils.tracks.list.invalidate();
    void utils.users.byUsername.invalidate();
  }, [doneIds, utils]);

  return (
    <div className="vw-page vw-page--narrow vw-upload-page">
      <header className="vw-page-header">
        <PageHeading title={t('upload.title')} />
        <p className="vw-page-subtitle">{t('upload.subtitle')}</p>
      </header>
      <Card>
        <FileDrop
          label={t('upload.fileLabel')}
          hint={t('upload.fileHint')}
          accept={AUDIO_ACCEPT}
          multiple
          name="files"
          onFiles={(files) => useUploads.getState().addFiles(files)}
        />
        {resumable.length > 0 && (
          <p className="vw-upload-resumable" data-testid="resumable">
            {t('upload.resumable', { count: resumable.length, names: resumable.join(', ') })}
          </p>
        )}
        <div className="vw-upload-toolbar">
          <p className="vw-muted" aria-live="polite">
            {items.length === 0 ? t('upload.empty') : t('upload.summary', { count: items.length, active })}
          </p>
          {done > 0 && (
            <Button variant="ghost" size="sm" onClick={() => useUploads.getState().clearDone()}>{t('upload.clearDone')}</Button>
          )}
        </div>
        {items.length > 0 && (
          <ul className="vw-upload-list" aria-label={t('upload.listLabel')}>
            {items.map((item) => <UploadItemRow key={item.id} item={item} />)}
          </ul>
        )}
        {active > 0 && <p className="vw-upload-note">{t('upload.keepOpen')}</p>}
      </Card>
    </div>
  );
}
