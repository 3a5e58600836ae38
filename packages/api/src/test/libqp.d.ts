// libqp ships no types: just what the SMTP test helper uses.
declare module 'libqp' {
  export function decode(input: string): Buffer;
}
