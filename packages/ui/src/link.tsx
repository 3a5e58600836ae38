import type { ElementType, ReactNode } from 'react';

/** Props every link rendered by @veza/ui receives: `href` for anchors, `to` for router links such as react-router's. */
export interface LinkLikeProps {
  href: string;
  to: string;
  className?: string;
  children?: ReactNode;
  id?: string;
}

/** An element or component able to render a link: 'a' (default) or a router Link. */
export type LinkComponentType = ElementType<LinkLikeProps>;

interface LinkProps extends Omit<LinkLikeProps, 'to'> {
  as?: LinkComponentType;
}

/** Renders a plain anchor, or the given link component with both `href` and `to`. */
export function Link({ as: As = 'a', href, ...rest }: LinkProps) {
  if (As === 'a') return <a href={href} {...rest} />;
  return <As href={href} to={href} {...rest} />;
}
