import type { ElementType, ReactNode } from 'react';

/** Props every link rendered by @veza/ui receives: `href` for anchors, `to` for router links such as react-router's. */
export interface LinkLikeProps {
  href: string;
  to: string;
  className?: string;
  children?: ReactNode;
  id?: string;
  'aria-describedby'?: string;
}

/** An element or component able to render a link: 'a' (default) or a router Link. */
export type LinkComponentType = ElementType<LinkLikeProps>;
