import { useId, useState } from 'react';
import { DownloadIcon } from './account-icons.tsx';
import { Button } from './button.tsx';
import './recovery-codes.css';

export interface RecoveryCodesLabels {
  /** Names the list of codes. */
  list: string;
  copy: string;
  /** Announced once the codes are on the clipboard. */
  copied: string;
  copyFailed: string;
  download: string;
  /** The checkbox: "I have saved these codes somewhere safe". */
  saved: string;
  done: string;
}

export interface RecoveryCodesProps {
  codes: readonly string[];
  labels: RecoveryCodesLabels;
  /** The downloaded file's name, e.g. "veza-recovery-codes.txt". */
  fileName: string;
  /** The downloaded file's text before the codes (a title line, the account, the date). */
  fileHeader?: string;
  /** Called with "Done" once the person has ticked that they saved the codes. */
  onDone: () => void;
}

/** One-time recovery codes, shown once: a list to copy or download as .txt, and an "I saved them" confirmation. */
export function RecoveryCodes({ codes, labels, fileName, fileHeader, onDone }: RecoveryCodesProps) {
  const id = useId();
  const [saved, setSaved] = useState(false);
  const [copyStatus, setCopyStatus] = useState<'idle' | 'copied' | 'failed'>('idle');
  const text = codes.join('\n');

  const copy = async () => {
    try {
      await navigator.clipboard.writeText(text);
      setCopyStatus('copied');
    } catch {
      setCopyStatus('failed');
    }
  };

  const download = () => {
    const body = fileHeader ? `${fileHeader}\n\n${text}\n` : `${text}\n`;
    const url = URL.createObjectURL(new Blob([body], { type: 'text/plain;charset=utf-8' }));
    const link = document.createElement('a');
    link.href = url;
    link.download = fileName;
    document.body.append(link);
    link.click();
    link.remove();
    setTimeout(() => URL.revokeObjectURL(url), 1000);
  };

  return (
    <div className="vz-recovery">
      <ol className="vz-recovery__codes" aria-label={labels.list}>
        {codes.map((code) => (
          <li key={code}>
            <code>{code}</code>
          </li>
        ))}
      </ol>
      <div className="vz-recovery__actions">
        <Button type="button" variant="secondary" size="sm" onClick={() => void copy()}>
          {labels.copy}
        </Button>
        <Button type="button" variant="secondary" size="sm" onClick={download}>
          <DownloadIcon className="vz-recovery__icon" /> {labels.download}
        </Button>
        <span role="status" className="vz-recovery__status">
          {copyStatus === 'copied' ? labels.copied : copyStatus === 'failed' ? labels.copyFailed : ''}
        </span>
      </div>
      <div className="vz-recovery__confirm">
        <input id={`${id}-saved`} type="checkbox" checked={saved} onChange={(event) => setSaved(event.target.checked)} />
        <label htmlFor={`${id}-saved`}>{labels.saved}</label>
      </div>
      <Button type="button" onClick={onDone} disabled={!saved}>
        {labels.done}
      </Button>
    </div>
  );
}
