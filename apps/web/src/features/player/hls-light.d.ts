// hls.js ships no typings for its light build (no subtitles, EME, alternate audio, CMCD, interstitials): it has
// the same API as the full build, which is all the player uses on plain audio variants.
declare module 'hls.js/light' {
  export { default } from 'hls.js';
}
