import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { RouteObject } from 'react-router';
import { describe, expect, it } from 'vitest';
import { routes } from '../routes.tsx';

/** Every URL pattern the route table answers: nested paths joined, index routes as their parent's path. */
function pathsOf(table: RouteObject[], parent = ''): string[] {
  return table.flatMap((route) => {
    const own = route.path === undefined ? parent : route.path.startsWith('/') ? route.path : `${parent.replace(/\/$/, '')}/${route.path}`;
    const here = route.index ? [parent || '/'] : route.path !== undefined ? [route.path === '*' ? '*' : own] : [];
    return [...here, ...(route.children ? pathsOf(route.children, own) : [])];
  });
}

// The phone-layout E2E (tooling/e2e/mobile.e2e.ts) visits every route listed there: a route added here without a visit
// there would escape the "no page scrolls sideways at 390 px" check.
const listed = (JSON.parse(readFileSync(join(import.meta.dirname, '../../../../tooling/e2e/mobile-routes.json'), 'utf8')) as { routes: string[] }).routes;

describe('route list of the phone-layout E2E', () => {
  it('names every route of the router, and no other', () => {
    expect([...new Set(pathsOf(routes))].sort()).toEqual([...listed].sort());
  });

  it('reads nested, index and catch-all routes as URL patterns', () => {
    const table: RouteObject[] = [
      { children: [{ index: true }, { path: 'a', children: [{ index: true }, { path: 'b' }] }, { path: 'c/:id' }, { path: '*' }] },
    ];
    expect(pathsOf(table)).toEqual(['/', '/a', '/a', '/a/b', '/c/:id', '*']);
  });
});
