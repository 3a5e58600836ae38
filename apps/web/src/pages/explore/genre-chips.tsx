import { GENRES, type Genre } from '@veza/validators';
import { useId } from 'react';
import { useTranslation } from 'react-i18next';

interface GenreChipsProps {
  value: Genre | null;
  onChange: (genre: Genre | null) => void;
}

/**
 * One genre or all: a row of chips that scrolls sideways on narrow screens. Native radio buttons underneath, so it is
 * one Tab stop, the arrow keys move the choice and screen readers announce "Genre, radio group, 3 of 26".
 */
export function GenreChips({ value, onChange }: GenreChipsProps) {
  const { t } = useTranslation();
  const name = useId();
  const options: { key: Genre | null; label: string }[] = [{ key: null, label: t('explore.allGenres') }, ...GENRES.map((g) => ({ key: g, label: t(`genre.${g}`) }))];
  return (
    <fieldset className="vw-chips">
      <legend className="vz-sr-only">{t('explore.genres')}</legend>
      <div className="vw-chips__row">
        {options.map((option) => (
          <label key={option.key ?? 'all'} className="vw-chip">
            <input type="radio" name={name} value={option.key ?? ''} checked={value === option.key} onChange={() => onChange(option.key)} />
            <span>{option.label}</span>
          </label>
        ))}
      </div>
    </fieldset>
  );
}
