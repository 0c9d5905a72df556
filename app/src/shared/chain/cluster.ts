// The cluster the app talks to: localnet (default), devnet or a custom URL, persisted in
// localStorage. `?rpc=<url>` (and optionally `&ws=<url>`) in the page URL selects a custom
// cluster, which is how the browser tests point the built app at their node.
export type ClusterId = 'localnet' | 'devnet' | 'custom';

export type Cluster = {
  id: ClusterId;
  rpcUrl: string;
  wsUrl: string;
  /** Wallet Standard chain used for signing. */
  chain: 'solana:localnet' | 'solana:devnet';
};

const STORAGE_KEY = 'sourceenergy.cluster';
export const LOCALNET_URL = 'http://127.0.0.1:8899';
export const DEVNET_URL = 'https://api.devnet.solana.com';

/** The websocket URL next to an RPC URL: same host, port + 1 (Solana's convention), ws(s). */
export function wsUrlFor(rpcUrl: string): string {
  const u = new URL(rpcUrl);
  u.protocol = u.protocol === 'https:' ? 'wss:' : 'ws:';
  if (u.port) u.port = String(Number(u.port) + 1);
  return u.toString().replace(/\/$/, '');
}

export function makeCluster(id: ClusterId, customUrl?: string, customWs?: string): Cluster {
  if (id === 'devnet') {
    return { id, rpcUrl: DEVNET_URL, wsUrl: wsUrlFor(DEVNET_URL), chain: 'solana:devnet' };
  }
  const rpcUrl = id === 'custom' && customUrl ? customUrl : LOCALNET_URL;
  return {
    id: id === 'custom' && customUrl ? 'custom' : 'localnet',
    rpcUrl,
    wsUrl: customWs || wsUrlFor(rpcUrl),
    chain: 'solana:localnet',
  };
}

export function isValidUrl(s: string): boolean {
  try {
    const u = new URL(s);
    return u.protocol === 'http:' || u.protocol === 'https:';
  } catch {
    return false;
  }
}

export function loadCluster(): Cluster {
  const params = new URLSearchParams(window.location.search);
  const rpc = params.get('rpc');
  if (rpc && isValidUrl(rpc)) {
    const c = makeCluster('custom', rpc, params.get('ws') ?? undefined);
    saveCluster(c);
    return c;
  }
  try {
    const raw = localStorage.getItem(STORAGE_KEY);
    if (raw) {
      const c = JSON.parse(raw) as Partial<Cluster>;
      if (c.id === 'devnet') return makeCluster('devnet');
      if (c.id === 'custom' && c.rpcUrl && isValidUrl(c.rpcUrl)) {
        return makeCluster('custom', c.rpcUrl, c.wsUrl);
      }
    }
  } catch {
    // A broken entry falls back to localnet.
  }
  return makeCluster('localnet');
}

export function saveCluster(c: Cluster) {
  localStorage.setItem(STORAGE_KEY, JSON.stringify(c));
}

/** Solana Explorer link; local clusters go through its custom-cluster URL parameter. */
export function explorerTxUrl(c: Cluster, signature: string): string {
  const base = `https://explorer.solana.com/tx/${signature}`;
  return c.id === 'devnet'
    ? `${base}?cluster=devnet`
    : `${base}?cluster=custom&customUrl=${encodeURIComponent(c.rpcUrl)}`;
}
