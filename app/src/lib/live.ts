// Balances that update without reloading: websocket account subscriptions (accountSubscribe
// through kit's createSolanaRpcSubscriptions on the cluster's websocket URL) on the wallet's
// accounts; a change refetches the queries that read them. Polling stays as a fallback: slow
// while the subscriptions are live, faster when the websocket cannot be reached.
import { useEffect, useRef, useState } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import {
  createSolanaRpcSubscriptions,
  type Address,
  type RpcSubscriptions,
  type SolanaRpcSubscriptionsApi,
} from '@solana/kit';
import { useApp } from './context';
import { RETRY_MS, type LiveStatus } from './livePolicy';

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
 * Subscribes to `addresses` and, on any change, invalidates the queries whose key starts with
 * one of `queryPrefixes`. Returns whether the subscriptions are live.
 */
export function useLiveAccounts(addresses: readonly Address[], queryPrefixes: readonly string[]): LiveStatus {
  const { cluster } = useApp();
  const queryClient = useQueryClient();
  const [status, setStatus] = useState<LiveStatus>('connecting');
  const [attempt, setAttempt] = useState(0);
  const key = addresses.join(',');
  const prefixes = useRef(queryPrefixes);
  useEffect(() => {
    prefixes.current = queryPrefixes;
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
        void queryClient.invalidateQueries({
          predicate: (q) => prefixes.current.includes(String(q.queryKey[0])),
        });
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
  }, [key, cluster.wsUrl, queryClient, attempt]);

  return key ? status : 'connecting';
}
