/** ffmpeg or ffprobe failed, timed out or was cancelled. `message` is plain words; details are in the fields. */
export class FfmpegError extends Error {
  readonly exitCode: number | null;
  readonly killSignal: string | null;
  readonly timedOut: boolean;
  readonly aborted: boolean;
  /** The last lines ffmpeg wrote to stderr, for logs (never show them to end users). */
  readonly stderrTail: string[];

  constructor(details: { exitCode: number | null; killSignal: string | null; timedOut?: boolean; aborted?: boolean; stderrTail: string[]; message?: string; cause?: unknown }) {
    const timedOut = details.timedOut ?? false;
    const aborted = details.aborted ?? false;
    const message =
      details.message ??
      (timedOut
        ? 'Processing the audio took too long and was stopped.'
        : aborted
          ? 'Processing the audio was cancelled.'
          : 'The audio could not be decoded: the file is damaged or not really audio.');
    super(message, { cause: details.cause });
    this.name = 'FfmpegError';
    this.exitCode = details.exitCode;
    this.killSignal = details.killSignal;
    this.timedOut = timedOut;
    this.aborted = aborted;
    this.stderrTail = details.stderrTail;
  }
}

/** Why an upload is refused, in words that can be shown to the person who uploaded it. */
export class MediaRejectedError extends Error {
  readonly reason: string;

  constructor(reason: string, options?: { cause?: unknown }) {
    super(reason, options);
    this.name = 'MediaRejectedError';
    this.reason = reason;
  }
}
