// Everything the member can claim (found by simulation), claimed in as few transactions as fit.
import type { UiWalletAccount } from '@wallet-standard/react';
import { address } from '@solana/kit';
import { fmtCurrency } from '@sourceenergy/client';
import { Row, TxError } from '../../../shared/ui/ui';
import { packInstructions } from '../data-access/claims';
import type { MemberState } from '../data-access/memberState';
import { useMemberMutation } from '../data-access/mutations';
import { useClaimsQuery } from '../data-access/queries';

export function ClaimsSection({ account, state }: { account: UiWalletAccount; state: MemberState }) {
  const wallet = address(account.address);
  const tx = useMemberMutation(account);
  const q = useClaimsQuery(state, wallet);
  if (!state.member) return null;
  const claims = q.data ?? [];
  const total = claims.reduce((t, c) => t + c.amount, 0n);

  const claimAll = async () => {
    const batches = packInstructions(wallet, claims.map((c) => c.ix));
    for (const [i, batch] of batches.entries()) {
      const label = batches.length > 1 ? `Claim all (${i + 1}/${batches.length})` : 'Claim all';
      try {
        await tx.mutateAsync({ label, instructions: async () => batch });
      } catch {
        // The failure is shown below; the later batches wait for another try.
        break;
      }
    }
  };

  return (
    <section className="card">
      <h2 className="mb-3 text-base font-semibold">Claimable</h2>
      {q.isPending ? (
        <p className="text-sm">Checking…</p>
      ) : claims.length === 0 ? (
        <p className="text-sm text-muted" data-testid="nothing-to-claim">
          Nothing to claim right now.
        </p>
      ) : (
        <dl className="mb-3 text-sm" data-testid="claims">
          {claims.map((c) => (
            <Row key={c.label} label={c.label} value={fmtCurrency(c.amount, 6)} />
          ))}
          <Row label="Total" value={fmtCurrency(total, 6)} testId="claims-total" />
        </dl>
      )}
      <button
        type="button"
        className="btn"
        data-testid="claim-all"
        disabled={tx.isPending || claims.length === 0}
        onClick={claimAll}
      >
        {tx.isPending ? 'Claiming…' : 'Claim all'}
      </button>
      <TxError tx={tx} className="mt-3 text-sm" />
    </section>
  );
}
