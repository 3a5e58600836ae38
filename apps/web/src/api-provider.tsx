import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import { errorInfo } from './lib/errors.ts';
import { trpc, type TrpcClient } from './trpc.ts';

/** Client errors (4xx) will not change on retry; network and server errors get two more tries. */
const shouldRetry = (failureCount: number, error: unknown) => {
  const status = errorInfo(error).httpStatus;
  return failureCount < 2 && (status === null || status >= 500);
};

/** `retry: false` for stories and tests: error states show at once. */
export function createQueryClient({ retry = true }: { retry?: boolean } = {}) {
  return new QueryClient({
    defaultOptions: {
      queries: { staleTime: 30_000, retry: retry ? shouldRetry : false, refetchOnWindowFocus: false },
      mutations: { retry: false },
    },
  });
}

/** tRPC + TanStack Query for everything below. */
export function ApiProvider({ client, queryClient, children }: { client: TrpcClient; queryClient: QueryClient; children: ReactNode }) {
  return (
    <trpc.Provider client={client} queryClient={queryClient}>
      <QueryClientProvider client={queryClient}>{children}</QueryClientProvider>
    </trpc.Provider>
  );
}
