import { useId, type ComponentProps, type ReactNode } from 'react';
import { cx } from './cx.ts';

export interface CardProps extends Omit<ComponentProps<'section'>, 'title'> {
  /** Rendered as an h2 that also names the section. */
  title?: string;
  /** Optional secondary line under the title. */
  description?: string;
  /** Optional content at the right of the title row (buttons, links). */
  actions?: ReactNode;
}

/** A surface for forms and page sections. */
export function Card({ title, description, actions, className, children, ...rest }: CardProps) {
  const titleId = useId();
  return (
    <section {...rest} className={cx('vz-card', className)} aria-labelledby={title ? titleId : rest['aria-labelledby']}>
      {(title || actions) && (
        <header className="vz-card__header">
          <div>
            {title && <h2 id={titleId} className="vz-card__title">{title}</h2>}
            {description && <p className="vz-card__description">{description}</p>}
          </div>
          {actions && <div className="vz-card__actions">{actions}</div>}
        </header>
      )}
      {children}
    </section>
  );
}
