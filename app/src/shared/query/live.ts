// Balances that update without reloading: websocket account subscriptions (accountSubscribe
// through kit's createSolanaRpcSubscriptions on the cluster's websocket URL) on the wallet's
// accounts; a change invalidates the query keys (from queryKeys) of the page that reads them.
// Polling stays as a fallback: slow while the subscriptions are live, faster when the websocket
// cannot be reached.
import { useEffect, useRef, useState } from 'react';
import { useQuery, useQueryClient, type QueryKey } from '@tanstack/react-query';
import {
  createSolanaRpcSubscriptions,
  type Address,
  type RpcSubscriptions,
  type SolanaRpcSubscriptionsApi,
} from '@solana/kit';
import { useApp } from '../context';
import { RETRY_MS, walletWatchList, type LiveStatus } from './livePolicy';
import { queryKeys } from './queryKeys';

const cache = new Map<string, RpcSubscriptions<SolanaRpcSubscriptionsApi>>();
function subscriptionsFor(wsUrl: string): RpcSubscriptions<SolanaRpcSubscriptionsApi> {
  let s = cache.get(wsUrl);
  if (!s) {
    s = createSolanaRpcSubscriptions(wsUrl);
    cache.set(wsUrl, s);
  }
  return s;
}

/**
 * Subscribes to the wallet's accounts (walletWatchList) and `extra` ones and, on any change,
 * invalidates the keys `invalidates` gives for the current cluster (prefixes from queryKeys).
 * Returns whether the subscriptions are live.
 */
export function useLiveWallet(
  wallet: Address,
  extra: readonly Address[],
  invalidates: (clusterUrl: string) => readonly QueryKey[],
): LiveStatus {
  const watch = useQuery({
    queryKey: queryKeys.watchList(wallet, extra),
    queryFn: () => walletWatchList(wallet, extra),
    staleTime: Infinity,
  });
  return useLiveAccounts(watch.data ?? [], invalidates);
}

function useLiveAccounts(
  addresses: readonly Address[],
  invalidates: (clusterUrl: string) => readonly QueryKey[],
): LiveStatus {
  const { cluster } = useApp();
  const queryClient = useQueryClient();
  const [status, setStatus] = useState<LiveStatus>('connecting');
  const [attempt, setAttempt] = useState(0);
  const key = addresses.join(',');
  // A new function on every render: the subscriptions read the latest without resubscribing.
  const keys = useRef(invalidates);
  useEffect(() => {
    keys.current = invalidates;
  });

  useEffect(() => {
    if (!key) return;
    const list = key.split(',') as Address[];
    const abort = new AbortController();
    const subs = subscriptionsFor(cluster.wsUrl);
    let timer: ReturnType<typeof setTimeout> | undefined;
    const refresh = () => {
      clearTimeout(timer);
      // One transaction often changes several watched accounts: refetch once.
      timer = setTimeout(() => {
        for (const queryKey of keys.current(cluster.rpcUrl)) void queryClient.invalidateQueries({ queryKey });
      }, 150);
    };
    let retry: ReturnType<typeof setTimeout> | undefined;
    const fail = () => {
      if (abort.signal.aborted) return;
      abort.abort();
      setStatus('polling');
      retry = setTimeout(() => setAttempt((a) => a + 1), RETRY_MS);
    };
    (async () => {
      try {
        const streams = await Promise.all(
          list.map((a) =>
            subs
              .accountNotifications(a, { commitment: 'confirmed', encoding: 'base64' })
              .subscribe({ abortSignal: abort.signal }),
          ),
        );
        if (abort.signal.aborted) return;
        setStatus('live');
        // Whatever changed while subscribing is read once now.
        refresh();
        await Promise.all(
          streams.map(async (stream) => {
            for await (const notification of stream) {
              void notification;
              refresh();
            }
          }),
        );
        // The streams only end when the connection does: poll, and subscribe again later.
        fail();
      } catch {
        // Aborted on unmount, or the websocket failed: poll faster and try again later.
        fail();
      }
    })();
    return () => {
      abort.abort();
      clearTimeout(timer);
      clearTimeout(retry);
    };
  }, [key, cluster.wsUrl, cluster.rpcUrl, queryClient, attempt]);

  return key ? status : 'connecting';
}
