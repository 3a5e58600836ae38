import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { localeOf } from '../../i18n.ts';
import { isActive, useUploads, type UploadItem } from './store.ts';
import { useUploadDetailsSaver } from './use-details-saver.ts';
import './upload-indicator.css';

export interface UploadSummary {
  /** Files checked, queued, sending or paused. */
  active: number;
  /** Every active file is paused. */
  paused: boolean;
  /** Uploads that failed and wait for the user. */
  failed: number;
  /** Bytes sent over bytes to send, of the active files (0..1). */
  fraction: number;
}

export function summarise(items: UploadItem[]): UploadSummary {
  const active = items.filter(isActive);
  const total = active.reduce((sum, item) => sum + item.bytesTotal, 0);
  const sent = active.reduce((sum, item) => sum + Math.min(item.bytesSent, item.bytesTotal), 0);
  return {
    active: active.length,
    paused: active.length > 0 && active.every((item) => item.status === 'paused'),
    failed: items.filter((item) => item.status === 'failed').length,
    fraction: total > 0 ? sent / total : 0,
  };
}

const RADIUS = 9;
const CIRCUMFERENCE = 2 * Math.PI * RADIUS;

/**
 * The header's upload status on every page: a progress ring with the number of files, linking to /upload. Shown
 * while files upload (or are paused, or failed and need the user); nothing otherwise. It also lets the upload store
 * save the details typed during an upload, wherever the user has gone since.
 */
export function UploadIndicator() {
  const { t, i18n } = useTranslation();
  useUploadDetailsSaver();
  const items = useUploads((s) => s.items);
  const { active, paused, failed, fraction } = summarise(items);
  if (active === 0 && failed === 0) return null;

  const percent = new Intl.NumberFormat(localeOf(i18n.resolvedLanguage ?? 'en'), { style: 'percent', maximumFractionDigits: 0 })
    .format(Math.floor(fraction * 100) / 100);
  const state = active === 0 ? 'failed' : paused ? 'paused' : 'uploading';
  const main =
    state === 'uploading' ? t('upload.indicator.uploading', { count: active, percent })
      : state === 'paused' ? t('upload.indicator.paused', { count: active, percent })
        : t('upload.indicator.failed', { count: failed });
  const label = state !== 'failed' && failed > 0 ? `${main} ${t('upload.indicator.alsoFailed', { count: failed })}` : main;
  const shown = state === 'failed' ? failed : active;

  return (
    <Link to="/upload" className={`vw-upload-indicator vw-upload-indicator--${state}`} aria-label={label} title={label} data-testid="upload-indicator">
      <svg className="vw-upload-indicator__ring" viewBox="0 0 24 24" aria-hidden="true">
        <circle className="vw-upload-indicator__track" cx="12" cy="12" r={RADIUS} />
        <circle
          className="vw-upload-indicator__fill"
          cx="12"
          cy="12"
          r={RADIUS}
          strokeDasharray={CIRCUMFERENCE}
          strokeDashoffset={state === 'failed' ? 0 : CIRCUMFERENCE * (1 - fraction)}
        />
      </svg>
      <span className="vw-upload-indicator__count" aria-hidden="true">{state === 'failed' ? '!' : shown}</span>
      <span className="vw-upload-indicator__text" aria-hidden="true">{state === 'failed' ? t('upload.indicator.failedShort') : state === 'paused' ? t('upload.indicator.pausedShort') : percent}</span>
    </Link>
  );
}
