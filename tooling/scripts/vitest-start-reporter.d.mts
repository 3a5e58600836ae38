import type { Reporter } from 'vitest/node';

export default class StartReporter implements Reporter {}
export function reporters(): Array<string | Reporter>;
