import { useEffect } from 'react';
import { trpc } from '../../trpc.ts';
import { registerDetailsSaver } from './store.ts';

/**
 * Gives the upload store the app's API client for saving the details typed while a file uploads (tracks.update).
 * Mounted with the header's upload indicator, so edits are saved even after leaving the upload screen.
 */
export function useUploadDetailsSaver() {
  const utils = trpc.useUtils();
  useEffect(
    () =>
      registerDetailsSaver(async (trackId, change) => {
        await utils.client.tracks.update.mutate({ id: trackId, ...change });
        void utils.tracks.byId.invalidate({ id: trackId });
        void utils.tracks.list.invalidate();
      }),
    [utils],
  );
}
