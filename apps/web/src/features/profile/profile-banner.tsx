import { hueOf } from '@veza/ui';
import { imageAtSize } from '@veza/validators';
import './profile.css';

/**
 * The 3:1 banner across the top of a profile: the person's image (750 or 1500 px wide, as the screen needs), or a
 * gradient in their colour. Decorative: the name below says whose profile it is.
 */
export function ProfileBanner({ url, name }: { url: string | null; name: string }) {
  const hue = hueOf(name);
  return (
    <div className="vw-profile-banner" style={{ background: `linear-gradient(120deg, hsl(${hue} 55% 32%), hsl(${(hue + 50) % 360} 50% 18%))` }} data-empty={url ? undefined : ''}>
      {url && (
        <img
          className="vw-profile-banner__img"
          src={imageAtSize(url, 1500)}
          srcSet={`${imageAtSize(url, 750)} 750w, ${imageAtSize(url, 1500)} 1500w`}
          sizes="(max-width: 760px) 100vw, 1100px"
          alt=""
          decoding="async"
        />
      )}
    </div>
  );
}
