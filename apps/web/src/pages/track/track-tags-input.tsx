import { trackTagSchema } from '@veza/validators';
import { useTranslation } from 'react-i18next';
import { z } from 'zod';
import { zodFieldErrors } from '../../lib/errors.ts';
import { TagsInput, type TagsInputProps } from './tags-input.tsx';

const oneTag = z.object({ tag: trackTagSchema });

/** What changes between the places a track's tags are edited; the rest is the same everywhere. */
export type TrackTagsInputProps = Pick<TagsInputProps, 'value' | 'onChange' | 'hint' | 'name' | 'error'>;

/**
 * A track's tags (the upload list, the track editor): the page's language for the label, the chips' names and
 * announcements, and a refused tag told with the form's own message for the field.
 */
export function TrackTagsInput(props: TrackTagsInputProps) {
  const { t } = useTranslation();
  return (
    <TagsInput
      {...props}
      label={t('track.tagsLabel')}
      placeholder={t('track.tagsPlaceholder')}
      removeLabel={(tag) => t('track.removeTag', { tag })}
      addedMessage={(tag) => t('track.tagAdded', { tag })}
      removedMessage={(tag) => t('track.tagRemoved', { tag })}
      fullMessage={t('track.tagsFull')}
      parseTag={(raw) => {
        const parsed = oneTag.safeParse({ tag: raw });
        return parsed.success ? { tag: parsed.data.tag } : { error: zodFieldErrors(parsed.error, 'track').tag ?? '' };
      }}
    />
  );
}
