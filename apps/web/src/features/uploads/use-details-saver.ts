import { useEffect } from 'react';
import { trpc } from '../../trpc.ts';
import { registerDetailsSaver } from './store.ts';

/**
 * Gives the upload store the app's API client for saving the details typed while a file uploads
 * (tracks.setUploadDetails: the track is created with them, or takes them if it exists already).
 * Mounted with the header's upload indicator, so edits are saved even after leaving the upload screen.
 */
export function useUploadDetailsSaver() {
  const utils = trpc.useUtils();
  useEffect(
    () =>
      registerDetailsSaver(async (uploadId, change) => {
        const { trackId } = await utils.client.tracks.setUploadDetails.mutate({ uploadId, ...change });
        if (!trackId) return;
        void utils.tracks.byId.invalidate({ id: trackId });
        void utils.tracks.list.invalidate();
      }),
    [utils],
  );
}
