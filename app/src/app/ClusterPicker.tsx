import { useState } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import { isValidUrl, makeCluster, type ClusterId } from '../shared/chain/cluster';
import { useApp } from '../shared/context';

export function ClusterPicker() {
  const { cluster, setCluster } = useApp();
  const queryClient = useQueryClient();
  const [custom, setCustom] = useState(cluster.id === 'custom' ? cluster.rpcUrl : '');
  const [editing, setEditing] = useState(false);

  const choose = (id: ClusterId, url?: string) => {
    setCluster(makeCluster(id, url));
    queryClient.clear();
  };

  return (
    <div className="flex items-center gap-2 text-sm">
      <label className="sr-only" htmlFor="cluster">
        Cluster
      </label>
      <select
        id="cluster"
        data-testid="cluster-select"
        className="input w-auto py-1.5"
        value={cluster.id}
        onChange={(e) => {
          const id = e.target.value as ClusterId;
          if (id === 'custom') setEditing(true);
          else choose(id);
        }}
      >
        <option value="localnet">Localnet</option>
        <option value="devnet">Devnet</option>
        <option value="custom">{cluster.id === 'custom' ? `Custom: ${new URL(cluster.rpcUrl).host}` : 'Custom URL…'}</option>
      </select>
      {editing ? (
        <form
          className="flex gap-1"
          onSubmit={(e) => {
            e.preventDefault();
            if (isValidUrl(custom)) {
              choose('custom', custom);
              setEditing(false);
            }
          }}
        >
          <input
            className="input w-48 py-1.5"
            placeholder="http://127.0.0.1:8899"
            value={custom}
            onChange={(e) => setCustom(e.target.value)}
            aria-label="Custom RPC URL"
          />
          <button type="submit" className="btn-secondary py-1.5" disabled={!isValidUrl(custom)}>
            Use
          </button>
        </form>
      ) : null}
    </div>
  );
}
