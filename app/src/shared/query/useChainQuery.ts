// The one way the features read the chain: through the current cluster's RPC connection, cached
// under a key from queryKeys (given the cluster's URL, so that the key and the connection the
// data came from always agree).
import { useQuery, type QueryKey, type UseQueryResult } from '@tanstack/react-query';
import type { AppRpc } from '../chain/rpc';
import { useApp } from '../context';

type ChainQueryOptions = { refetchInterval?: number; enabled?: boolean };

export function useChainQuery<T>(
  key: (clusterUrl: string) => QueryKey,
  read: (rpc: AppRpc) => Promise<T>,
  options: ChainQueryOptions = {},
): UseQueryResult<T> {
  const { rpc, cluster } = useApp();
  return useQuery({ queryKey: key(cluster.rpcUrl), queryFn: () => read(rpc), ...options });
}
