import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { dayOf } from './message-rows.ts';

/** Times, full dates and day-separator labels ("Today", "Yesterday", else the date) in the reader's language. */
export function useDateFormats() {
  const { t, i18n } = useTranslation();
  return useMemo(() => {
    const time = new Intl.DateTimeFormat(i18n.language, { hour: '2-digit', minute: '2-digit' });
    const full = new Intl.DateTimeFormat(i18n.language, { dateStyle: 'full', timeStyle: 'short' });
    const day = new Intl.DateTimeFormat(i18n.language, { weekday: 'long', day: 'numeric', month: 'long', year: 'numeric' });
    const dayLabel = (iso: string) => {
      const d = new Date(iso);
      const today = new Date();
      const yesterday = new Date(today.getFullYear(), today.getMonth(), today.getDate() - 1);
      if (dayOf(iso) === dayOf(today.toISOString())) return t('chat.list.today');
      if (dayOf(iso) === dayOf(yesterday.toISOString())) return t('chat.list.yesterday');
      return day.format(d);
    };
    return { time: (iso: string) => time.format(new Date(iso)), full: (iso: string) => full.format(new Date(iso)), dayLabel };
  }, [i18n.language, t]);
}

export type DateFormats = ReturnType<typeof useDateFormats>;
