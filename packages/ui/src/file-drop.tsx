import { useId, useState, type ChangeEvent, type DragEvent } from 'react';
import { cx } from './cx.ts';
import { UploadIcon } from './icons.tsx';

export interface FileDropProps {
  label: string;
  hint?: string;
  /** Passed to the file input (e.g. "audio/*"); dropped files are not filtered, validate them in `onFile`/`onFiles`. */
  accept?: string;
  disabled?: boolean;
  /** Called with the first chosen or dropped file. */
  onFile?: (file: File) => void;
  /** Lets the picker choose several files; dropping several is then accepted too. */
  multiple?: boolean;
  /** Called with every chosen or dropped file (all of them when `multiple`, else the first). */
  onFiles?: (files: File[]) => void;
  error?: string;
  name?: string;
  className?: string;
}

/**
 * A drop zone around a visually hidden file input: clicking the zone or pressing Enter/Space on the focused input
 * opens the file picker; dropping a file calls `onFile` with the first file (and `onFiles` with all of them when `multiple`).
 */
export function FileDrop({ label, hint, accept, disabled = false, onFile, multiple = false, onFiles, error, name, className }: FileDropProps) {
  const id = useId();
  const [dragging, setDragging] = useState(false);
  const labelId = `${id}-label`;
  const hintId = hint ? `${id}-hint` : undefined;
  const errorId = error ? `${id}-error` : undefined;
  const describedBy = [errorId, hintId].filter(Boolean).join(' ') || undefined;

  const emit = (list: FileList | null | undefined) => {
    const files = Array.from(list ?? []);
    const chosen = multiple ? files : files.slice(0, 1);
    if (chosen.length === 0) return;
    if (chosen[0]) onFile?.(chosen[0]);
    onFiles?.(chosen);
  };
  const onChange = (event: ChangeEvent<HTMLInputElement>) => {
    emit(event.currentTarget.files);
    event.currentTarget.value = ''; // allow choosing the same file again
  };
  const onDragOver = (event: DragEvent<HTMLLabelElement>) => {
    event.preventDefault();
    if (disabled) {
      event.dataTransfer.dropEffect = 'none';
      return;
    }
    event.dataTransfer.dropEffect = 'copy';
    setDragging(true);
  };
  const onDrop = (event: DragEvent<HTMLLabelElement>) => {
    event.preventDefault();
    setDragging(false);
    if (!disabled) emit(event.dataTransfer.files);
  };

  return (
    <div className={cx('vz-filedrop', className)}>
      <label
        htmlFor={id}
        className={cx(
          'vz-filedrop__zone',
          dragging && 'vz-filedrop__zone--over',
          disabled && 'vz-filedrop__zone--disabled',
          error && 'vz-filedrop__zone--invalid',
        )}
        onDragEnter={onDragOver}
        onDragOver={onDragOver}
        onDragLeave={() => setDragging(false)}
        onDrop={onDrop}
      >
        <input
          id={id}
          type="file"
          name={name}
          className="vz-sr-only"
          accept={accept}
          multiple={multiple || undefined}
          disabled={disabled}
          aria-invalid={error ? true : undefined}
          aria-labelledby={labelId}
          aria-describedby={describedBy}
          onChange={onChange}
        />
        <UploadIcon className="vz-filedrop__icon" />
        <span id={labelId} className="vz-filedrop__label">{label}</span>
        {hint && <span id={hintId} className="vz-filedrop__hint">{hint}</span>}
      </label>
      {error && <p id={errorId} className="vz-field__error">{error}</p>}
    </div>
  );
}
