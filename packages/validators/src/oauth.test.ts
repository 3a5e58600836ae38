import { describe, expect, it } from 'vitest';
import { oauthStartQuery, safeNextPath } from './oauth.ts';

describe('safeNextPath', () => {
  it('keeps same-site relative paths with their query and fragment', () => {
    expect(safeNextPath('/')).toBe('/');
    expect(safeNextPath('/tracks/abc?tab=likes#top')).toBe('/tracks/abc?tab=likes#top');
    expect(safeNextPath('/a/../settings')).toBe('/settings');
    expect(safeNextPath('/%2F%2Fstill-a-path')).toBe('/%2F%2Fstill-a-path');
  });

  it('refuses anything a browser could take to another site', () => {
    const hostile = [
      '//evil.example',
      '///evil.example',
      '/\\evil.example',
      '\\\\evil.example',
      'https://evil.example/',
      'javascript:alert(1)',
      'evil.example',
      '/.//evil.example',
      '/a/..//evil.example',
      '/%2e//evil.example',
      '/\tevil',
      '/\r\nSet-Cookie: a=b',
      `/${'x'.repeat(600)}`,
      '',
    ];
    for (const next of hostile) expect(safeNextPath(next), JSON.stringify(next)).toBeNull();
    for (const next of [undefined, null, 42, ['/a'], { path: '/' }]) expect(safeNextPath(next)).toBeNull();
  });
});

describe('oauthStartQuery', () => {
  it('defaults to signing in and drops an unsafe next instead of failing', () => {
    expect(oauthStartQuery.parse({})).toEqual({ intent: 'login', next: null });
    expect(oauthStartQuery.parse({ intent: 'link', next: '/settings/connections' })).toEqual({ intent: 'link', next: '/settings/connections' });
    expect(oauthStartQuery.parse({ intent: 'admin', next: '//evil.example' })).toEqual({ intent: 'login', next: null });
  });
});
