// What every feature reads: the cluster (with its RPC connection) and the connected wallet
// account. It is mounted by app/providers.tsx but lives here, below the features, so that they
// do not import from the app shell that imports them.
import { createContext, useCallback, useContext, useMemo, useState, type ReactNode } from 'react';
import type { UiWalletAccount } from '@wallet-standard/react';
import { loadCluster, saveCluster, type Cluster } from './chain/cluster';
import { rpcFor, type AppRpc } from './chain/rpc';

type AppState = {
  cluster: Cluster;
  setCluster: (c: Cluster) => void;
  rpc: AppRpc;
  account: UiWalletAccount | null;
  setAccount: (a: UiWalletAccount | null) => void;
};

const Ctx = createContext<AppState | null>(null);

export function AppProvider({ children }: { children: ReactNode }) {
  const [cluster, setClusterState] = useState<Cluster>(() => loadCluster());
  const [account, setAccount] = useState<UiWalletAccount | null>(null);
  const setCluster = useCallback((c: Cluster) => {
    saveCluster(c);
    setClusterState(c);
  }, []);
  const value = useMemo(
    () => ({ cluster, setCluster, rpc: rpcFor(cluster.rpcUrl), account, setAccount }),
    [cluster, setCluster, account],
  );
  return <Ctx.Provider value={value}>{children}</Ctx.Provider>;
}

export function useApp(): AppState {
  const v = useContext(Ctx);
  if (!v) throw new Error('useApp outside AppProvider');
  return v;
}
