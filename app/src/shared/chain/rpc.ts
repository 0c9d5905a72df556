import { createSolanaRpc, type Rpc, type SolanaRpcApi } from '@solana/kit';

export type AppRpc = Rpc<SolanaRpcApi>;

const cache = new Map<string, AppRpc>();

export function rpcFor(url: string): AppRpc {
  let rpc = cache.get(url);
  if (!rpc) {
    rpc = createSolanaRpc(url) as unknown as AppRpc;
    cache.set(url, rpc);
  }
  return rpc;
}
