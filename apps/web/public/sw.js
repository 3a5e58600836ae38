// Veza's service worker: web push only (issue 12). The server (packages/api notifications/push) sends an encrypted JSON
// payload { title, body, url, tag }: `url` is a path of the app, `tag` makes a newer push of the same notification group
// replace the older one. A click focuses a Veza tab (taking it to the url) or opens one. No caching, no fetch handler:
// pages and assets load as they would without it. Served from the root (scope "/") by the server's static files
// (apps/server/src/static.ts, `no-cache`). Not registered in the mocked modes, where MSW's worker holds the root scope.
/* eslint-env serviceworker */

self.addEventListener('install', () => {
  // A new version takes over at once: it only shows notifications, nothing to migrate.
  self.skipWaiting();
});

self.addEventListener('activate', (event) => {
  event.waitUntil(self.clients.claim());
});

/** The payload as sent, or a generic notification when it cannot be read (a push must always show something). */
function readPayload(data) {
  const fallback = { title: 'Veza', body: '', url: '/', tag: 'veza' };
  if (!data) return fallback;
  try {
    const json = data.json();
    return {
      title: typeof json.title === 'string' && json.title ? json.title : fallback.title,
      body: typeof json.body === 'string' ? json.body : '',
      // Only paths of this app are opened.
      url: typeof json.url === 'string' && /^\/(?![/\\])/.test(json.url) ? json.url : '/',
      tag: typeof json.tag === 'string' && json.tag ? json.tag : fallback.tag,
    };
  } catch {
    return { ...fallback, body: data.text() };
  }
}

self.addEventListener('push', (event) => {
  const payload = readPayload(event.data);
  event.waitUntil(
    self.registration.showNotification(payload.title, {
      body: payload.body,
      tag: payload.tag,
      // The same group again (another like): tell the person, do not just swap the text silently.
      renotify: true,
      icon: '/favicon.svg',
      badge: '/favicon.svg',
      data: { url: payload.url },
    }),
  );
});

self.addEventListener('notificationclick', (event) => {
  event.notification.close();
  const path = event.notification.data && typeof event.notification.data.url === 'string' ? event.notification.data.url : '/';
  const target = new URL(path, self.location.origin).href;
  event.waitUntil(
    (async () => {
      const windows = await self.clients.matchAll({ type: 'window', includeUncontrolled: true });
      const tab = windows.find((client) => new URL(client.url).origin === self.location.origin);
      if (tab) {
        const focused = await tab.focus();
        if (focused.url !== target && 'navigate' in focused) await focused.navigate(target).catch(() => undefined);
        return;
      }
      await self.clients.openWindow(target);
    })(),
  );
});
