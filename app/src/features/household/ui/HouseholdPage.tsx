// Household trusts for their trustees: members, weights, the family ledger; run a distribution,
// invest the trust's contributions in its community. Anyone can read it; a wallet can act.
import { useSearchParams } from 'react-router';
import type { UiWalletAccount } from '@wallet-standard/react';
import { address, type Address } from '@solana/kit';
import { short } from '../../../shared/format';
import type { Transaction } from '../../../shared/transaction/useTransaction';
import { ReadError, TxError, WalletGate } from '../../../shared/ui/ui';
import { useHouseholdMutation } from '../data-access/mutations';
import { useHouseholdQuery } from '../data-access/queries';
import { TrustView } from './TrustView';

function View({ tx, you }: { tx: Transaction | null; you: Address | null }) {
  const [params, setParams] = useSearchParams();
  const chosen = params.get('id');
  const q = useHouseholdQuery(chosen, you);
  if (q.isPending) return <p className="p-4">Reading household trusts…</p>;
  if (q.isError) return <ReadError error={q.error} />;
  const s = q.data;
  if (!s.trust) return <div className="card" data-testid="no-households">No household trusts on this cluster yet.</div>;
  const selected = s.trust.address;
  return (
    <div className="space-y-6" data-testid="household">
      <section className="card flex flex-wrap items-center gap-3 text-sm">
        <label className="flex min-w-0 flex-1 flex-wrap items-center gap-2">
          <span className="stat-label">Household trust</span>
          <select
            className="input w-auto min-w-0 max-w-full"
            data-testid="household-select"
            value={selected}
            onChange={(e) => {
              const next = new URLSearchParams(params);
              next.set('id', e.target.value);
              setParams(next);
            }}
          >
            {s.options.map((o) => (
              <option key={o.address} value={o.address}>
                {short(o.address)}
                {o.trustee ? ' (you are a trustee)' : o.member ? ' (your household)' : ''}
              </option>
            ))}
          </select>
        </label>
        <TxError tx={tx} testId="household-error" className="w-full" />
      </section>
      <TrustView key={selected} t={s.trust} you={you} tx={tx} />
    </div>
  );
}

function Trustee({ account }: { account: UiWalletAccount }) {
  const tx = useHouseholdMutation(account);
  return <View tx={tx} you={address(account.address)} />;
}

export function HouseholdPage() {
  return (
    <WalletGate fallback={<View tx={null} you={null} />}>
      {(account) => <Trustee key={account.address} account={account} />}
    </WalletGate>
  );
}
