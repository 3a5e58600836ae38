import type { SVGProps } from 'react';

type IconProps = SVGProps<SVGSVGElement>;

// Decorative inline icons: hidden from assistive technology, sized by CSS (1em by default).
function Svg({ children, ...rest }: IconProps) {
  return (
    <svg viewBox="0 0 24 24" width="1em" height="1em" fill="currentColor" aria-hidden="true" focusable="false" {...rest}>
      {children}
    </svg>
  );
}

export function PlayIcon(props: IconProps) {
  return <Svg {...props}><path d="M8 5.14v13.72a1 1 0 0 0 1.52.85l10.8-6.86a1 1 0 0 0 0-1.7L9.52 4.29A1 1 0 0 0 8 5.14Z" /></Svg>;
}

export function PauseIcon(props: IconProps) {
  return <Svg {...props}><rect x="6" y="5" width="4" height="14" rx="1" /><rect x="14" y="5" width="4" height="14" rx="1" /></Svg>;
}

export function HeartIcon({ filled = false, ...props }: IconProps & { filled?: boolean }) {
  return (
    <Svg {...props} fill={filled ? 'currentColor' : 'none'} stroke="currentColor" strokeWidth={2} strokeLinejoin="round">
      <path d="M12 20.5s-7.5-4.6-9.2-9.3C1.6 7.8 3.9 4.5 7.3 4.5c2 0 3.5 1.1 4.7 2.7 1.2-1.6 2.7-2.7 4.7-2.7 3.4 0 5.7 3.3 4.5 6.7-1.7 4.7-9.2 9.3-9.2 9.3Z" />
    </Svg>
  );
}

export function UploadIcon(props: IconProps) {
  return (
    <Svg {...props} fill="none" stroke="currentColor" strokeWidth={2} strokeLinecap="round" strokeLinejoin="round">
      <path d="M12 15V4M7 9l5-5 5 5M5 15v3a2 2 0 0 0 2 2h10a2 2 0 0 0 2-2v-3" />
    </Svg>
  );
}

export function AlertIcon(props: IconProps) {
  return (
    <Svg {...props} fill="none" stroke="currentColor" strokeWidth={2} strokeLinecap="round">
      <circle cx="12" cy="12" r="9" /><path d="M12 7.5v5.5M12 16.5v.01" />
    </Svg>
  );
}

export function CloseIcon(props: IconProps) {
  return (
    <Svg {...props} fill="none" stroke="currentColor" strokeWidth={2} strokeLinecap="round">
      <path d="M6 6l12 12M18 6 6 18" />
    </Svg>
  );
}

export function MusicIcon(props: IconProps) {
  return (
    <Svg {...props} fill="none" stroke="currentColor" strokeWidth={2} strokeLinecap="round" strokeLinejoin="round">
      <path d="M9 18V5l11-2v13" /><circle cx="6" cy="18" r="3" /><circle cx="17" cy="16" r="3" />
    </Svg>
  );
}

export function CheckIcon(props: IconProps) {
  return (
    <Svg {...props} fill="none" stroke="currentColor" strokeWidth={2} strokeLinecap="round" strokeLinejoin="round">
      <circle cx="12" cy="12" r="9" /><path d="m8 12.5 2.5 2.5L16 9.5" />
    </Svg>
  );
}

export function InfoIcon(props: IconProps) {
  return (
    <Svg {...props} fill="none" stroke="currentColor" strokeWidth={2} strokeLinecap="round">
      <circle cx="12" cy="12" r="9" /><path d="M12 11v5.5M12 7.5v.01" />
    </Svg>
  );
}

const strokeProps = { fill: 'none', stroke: 'currentColor', strokeWidth: 2, strokeLinecap: 'round', strokeLinejoin: 'round' } as const;

export function NextIcon(props: IconProps) {
  return <Svg {...props}><path d="M6 6.3v11.4a1 1 0 0 0 1.5.86l8.6-5.7a1 1 0 0 0 0-1.72l-8.6-5.7A1 1 0 0 0 6 6.3Z" /><rect x="16.5" y="5" width="2.5" height="14" rx="1" /></Svg>;
}

export function PreviousIcon(props: IconProps) {
  return <Svg {...props}><path d="M18 6.3v11.4a1 1 0 0 1-1.5.86l-8.6-5.7a1 1 0 0 1 0-1.72l8.6-5.7A1 1 0 0 1 18 6.3Z" /><rect x="5" y="5" width="2.5" height="14" rx="1" /></Svg>;
}

export function ShuffleIcon(props: IconProps) {
  return <Svg {...props} {...strokeProps}><path d="M16 4h4v4M4 20 20 4M20 16v4h-4M15 15l5 5M4 4l5 5" /></Svg>;
}

export function RepeatIcon({ one = false, ...props }: IconProps & { one?: boolean }) {
  return (
    <Svg {...props} {...strokeProps}>
      <path d="M17 2l3 3-3 3M4 11V9a4 4 0 0 1 4-4h12M7 22l-3-3 3-3M20 13v2a4 4 0 0 1-4 4H4" />
      {one && <path d="M11 10.5l1.2-.8V14" strokeWidth={1.8} />}
    </Svg>
  );
}

export function VolumeIcon({ muted = false, ...props }: IconProps & { muted?: boolean }) {
  return (
    <Svg {...props} {...strokeProps}>
      <path d="M11 5 6 9H3v6h3l5 4V5Z" />
      {muted ? <path d="M22 9l-6 6M16 9l6 6" /> : <path d="M15.5 8.5a5 5 0 0 1 0 7M18.5 5.5a9 9 0 0 1 0 13" />}
    </Svg>
  );
}

export function QueueIcon(props: IconProps) {
  return <Svg {...props} {...strokeProps}><path d="M4 6h16M4 12h10M4 18h10M18 14v6l4-3-4-3Z" /></Svg>;
}

export function SettingsIcon(props: IconProps) {
  return <Svg {...props} {...strokeProps}><path d="M4 7h10M18 7h2M4 17h2M10 17h10" /><circle cx="16" cy="7" r="2" /><circle cx="8" cy="17" r="2" /></Svg>;
}

export function ChevronUpIcon(props: IconProps) {
  return <Svg {...props} {...strokeProps}><path d="M6 15l6-6 6 6" /></Svg>;
}

export function ChevronDownIcon(props: IconProps) {
  return <Svg {...props} {...strokeProps}><path d="M6 9l6 6 6-6" /></Svg>;
}

/** Signal levels: stream quality. */
export function LevelsIcon(props: IconProps) {
  return <Svg {...props} {...strokeProps}><path d="M5 19v-4M10 19v-8M15 19V8M20 19V4" /></Svg>;
}

export function MenuIcon(props: IconProps) {
  return <Svg {...props} {...strokeProps}><path d="M4 7h16M4 12h16M4 17h16" /></Svg>;
}

export function MoreIcon(props: IconProps) {
  return <Svg {...props}><circle cx="5" cy="12" r="2" /><circle cx="12" cy="12" r="2" /><circle cx="19" cy="12" r="2" /></Svg>;
}
