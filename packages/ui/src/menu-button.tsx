import { useEffect, useId, useRef, useState, type KeyboardEvent, type ReactNode } from 'react';
import { cx } from './cx.ts';
import { MoreIcon } from './icons.tsx';

export interface MenuButtonItem {
  id: string;
  label: string;
  onSelect: () => void;
}

export interface MenuButtonProps {
  /** Accessible name of the button ("Queue actions for “Night Drive”"). */
  label: string;
  items: MenuButtonItem[];
  /** The button's content; a "⋯" icon by default. */
  icon?: ReactNode;
  /** Which side the menu opens on. */
  align?: 'start' | 'end';
  className?: string;
}

/**
 * A button opening a small action menu (WAI-ARIA menu button): arrows move between items, Home/End jump,
 * Escape closes and gives focus back to the button.
 */
export function MenuButton({ label, items, icon, align = 'end', className }: MenuButtonProps) {
  const [open, setOpen] = useState(false);
  const menuId = useId();
  const rootRef = useRef<HTMLDivElement>(null);
  const buttonRef = useRef<HTMLButtonElement>(null);
  const itemRefs = useRef<(HTMLButtonElement | null)[]>([]);

  useEffect(() => {
    if (!open) return;
    itemRefs.current[0]?.focus();
    const onDown = (event: PointerEvent) => {
      if (!rootRef.current?.contains(event.target as Node)) setOpen(false);
    };
    document.addEventListener('pointerdown', onDown);
    return () => document.removeEventListener('pointerdown', onDown);
  }, [open]);

  const close = (refocus: boolean) => {
    setOpen(false);
    if (refocus) buttonRef.current?.focus();
  };

  const onMenuKey = (event: KeyboardEvent<HTMLDivElement>) => {
    const focusables = itemRefs.current.filter((el): el is HTMLButtonElement => el !== null);
    const at = focusables.indexOf(document.activeElement as HTMLButtonElement);
    const focus = (i: number) => focusables[(i + focusables.length) % focusables.length]?.focus();
    switch (event.key) {
      case 'ArrowDown':
        focus(at + 1);
        break;
      case 'ArrowUp':
        focus(at - 1);
        break;
      case 'Home':
        focus(0);
        break;
      case 'End':
        focus(focusables.length - 1);
        break;
      case 'Escape':
        close(true);
        break;
      case 'Tab':
        setOpen(false);
        return;
      default:
        return;
    }
    event.preventDefault();
    event.stopPropagation();
  };

  return (
    <div ref={rootRef} className={cx('vz-menu', className)}>
      <button
        ref={buttonRef}
        type="button"
        className="vz-icon-button"
        aria-label={label}
        aria-haspopup="menu"
        aria-expanded={open}
        aria-controls={open ? menuId : undefined}
        onClick={() => setOpen(!open)}
        onKeyDown={(event) => {
          if (event.key === 'ArrowDown' && !open) {
            event.preventDefault();
            setOpen(true);
          }
        }}
      >
        {icon ?? <MoreIcon />}
      </button>
      {open && (
        <div id={menuId} role="menu" aria-label={label} className={cx('vz-menu__list', `vz-menu__list--${align}`)} onKeyDown={onMenuKey}>
          {items.map((item, index) => (
            <button
              key={item.id}
              ref={(el) => {
                itemRefs.current[index] = el;
              }}
              type="button"
              role="menuitem"
              tabIndex={-1}
              className="vz-menu__item"
              onClick={() => {
                close(true);
                item.onSelect();
              }}
            >
              {item.label}
            </button>
          ))}
        </div>
      )}
    </div>
  );
}
