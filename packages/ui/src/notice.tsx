import type { ReactNode } from 'react';
import { cx } from './cx.ts';
import { AlertIcon, CheckIcon, InfoIcon } from './icons.tsx';
import './notice.css';

export type NoticeTone = 'info' | 'success' | 'warning' | 'danger';

export interface NoticeProps {
  title: string;
  children?: ReactNode;
  tone?: NoticeTone;
  /** A button or link at the end (e.g. "Cancel deletion"). */
  action?: ReactNode;
  /**
   * 'status' (polite) for news the person caused, 'alert' for problems that interrupt, 'none' for a standing banner
   * that is part of the page.
   */
  live?: 'status' | 'alert' | 'none';
  className?: string;
}

const icons: Record<NoticeTone, ReactNode> = { info: <InfoIcon />, success: <CheckIcon />, warning: <AlertIcon />, danger: <AlertIcon /> };

/** A banner inside the page: a pending deletion, a failed account link, "check your inbox". */
export function Notice({ title, children, tone = 'info', action, live = 'none', className }: NoticeProps) {
  const role = live === 'none' ? undefined : live;
  return (
    <div className={cx('vz-notice', `vz-notice--${tone}`, className)} role={role}>
      <span className="vz-notice__icon" aria-hidden="true">{icons[tone]}</span>
      <div className="vz-notice__body">
        <p className="vz-notice__title">{title}</p>
        {children && <div className="vz-notice__text">{children}</div>}
      </div>
      {action && <div className="vz-notice__action">{action}</div>}
    </div>
  );
}
