import { useId } from 'react';
import { cx } from './cx.ts';

export interface LanguageSwitchProps {
  value: string;
  /** `lang` marks the language of an option's label, e.g. { value: 'fr', label: 'Français', lang: 'fr' }. */
  options: { value: string; label: string; lang?: string }[];
  onChange: (value: string) => void;
  /** Names the group ("Language"); visually hidden. */
  label: string;
  className?: string;
}

/** A segmented radio group: arrow keys move between languages natively. */
export function LanguageSwitch({ value, options, onChange, label, className }: LanguageSwitchProps) {
  const name = useId();
  return (
    <fieldset className={cx('vz-segmented', className)}>
      <legend className="vz-sr-only">{label}</legend>
      {options.map((option) => (
        <label key={option.value} className="vz-segmented__option">
          <input
            type="radio"
            className="vz-sr-only"
            name={name}
            value={option.value}
            checked={option.value === value}
            onChange={() => onChange(option.value)}
          />
          <span className="vz-segmented__label" lang={option.lang}>{option.label}</span>
        </label>
      ))}
    </fieldset>
  );
}
