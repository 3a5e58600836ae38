import type { SVGProps } from 'react';

type IconProps = SVGProps<SVGSVGElement>;

// Decorative icons for account screens: hidden from assistive technology, sized by CSS (1em by default).
function Svg({ children, ...rest }: IconProps) {
  return (
    <svg
      viewBox="0 0 24 24" width="1em" height="1em" fill="none" stroke="currentColor" strokeWidth={2} strokeLinecap="round" strokeLinejoin="round"
      aria-hidden="true" focusable="false" {...rest}
    >
      {children}
    </svg>
  );
}

export function DesktopIcon(props: IconProps) {
  return <Svg {...props}><rect x="3" y="4" width="18" height="12" rx="2" /><path d="M8 20h8M12 16v4" /></Svg>;
}

export function PhoneIcon(props: IconProps) {
  return <Svg {...props}><rect x="7" y="2.5" width="10" height="19" rx="2" /><path d="M11 18h2" /></Svg>;
}

export function TabletIcon(props: IconProps) {
  return <Svg {...props}><rect x="4.5" y="3" width="15" height="18" rx="2" /><path d="M11 18h2" /></Svg>;
}

export function DeviceIcon(props: IconProps) {
  return <Svg {...props}><circle cx="12" cy="12" r="9" /><path d="M3 12h18M12 3a14 14 0 0 1 0 18M12 3a14 14 0 0 0 0 18" /></Svg>;
}

export function MailIcon(props: IconProps) {
  return <Svg {...props}><rect x="3" y="5" width="18" height="14" rx="2" /><path d="m3.5 6.5 8.5 6 8.5-6" /></Svg>;
}

export function KeyIcon(props: IconProps) {
  return <Svg {...props}><circle cx="8" cy="15" r="4" /><path d="m11 12 9-9M17 6l3 3M15 8l2 2" /></Svg>;
}

export function ShieldIcon(props: IconProps) {
  return <Svg {...props}><path d="M12 3 5 6v5c0 4.5 3 8.5 7 10 4-1.5 7-5.5 7-10V6l-7-3Z" /></Svg>;
}

export function LinkIcon(props: IconProps) {
  return <Svg {...props}><path d="M10 14a4 4 0 0 0 5.66 0l3-3a4 4 0 0 0-5.66-5.66l-1 1M14 10a4 4 0 0 0-5.66 0l-3 3a4 4 0 0 0 5.66 5.66l1-1" /></Svg>;
}

export function DownloadIcon(props: IconProps) {
  return <Svg {...props}><path d="M12 4v11M7 10l5 5 5-5M5 19h14" /></Svg>;
}

export function TrashIcon(props: IconProps) {
  return <Svg {...props}><path d="M4 7h16M9 7V4h6v3M6 7l1 13h10l1-13M10 11v5M14 11v5" /></Svg>;
}

export function UserIcon(props: IconProps) {
  return <Svg {...props}><circle cx="12" cy="8" r="4" /><path d="M4 21a8 8 0 0 1 16 0" /></Svg>;
}

export function LockIcon(props: IconProps) {
  return <Svg {...props}><rect x="5" y="11" width="14" height="10" rx="2" /><path d="M8 11V8a4 4 0 0 1 8 0v3" /></Svg>;
}

export function ListIcon(props: IconProps) {
  return <Svg {...props}><path d="M8 6h12M8 12h12M8 18h12M4 6h.01M4 12h.01M4 18h.01" /></Svg>;
}
