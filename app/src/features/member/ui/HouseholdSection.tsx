// The member's household trust (its ledger there) and "contribute to the household".
import type { UiWalletAccount } from '@wallet-standard/react';
import { address } from '@solana/kit';
import { fmtBps, fmtCurrency } from '@sourceenergy/client';
import { short } from '../../../shared/format';
import { AmountForm, Row, TxError } from '../../../shared/ui/ui';
import { contributeIxs } from '../data-access/instructions';
import type { MemberState } from '../data-access/memberState';
import { useMemberMutation } from '../data-access/mutations';
import { useMemberHouseholdQuery } from '../data-access/queries';

export function HouseholdSection({
  account,
  state,
  attested,
  pollMs,
}: {
  account: UiWalletAccount;
  state: MemberState;
  attested: boolean;
  pollMs: number;
}) {
  const wallet = address(account.address);
  const tx = useMemberMutation(account);
  const q = useMemberHouseholdQuery(state, wallet, pollMs);
  const h = q.data ?? null;
  return (
    <section className="card" data-testid="household-section">
      <h2 className="mb-3 text-base font-semibold">Household</h2>
      {q.isPending ? (
        <p className="text-sm">Reading your household…</p>
      ) : !h ? (
        <p className="text-sm text-muted" data-testid="no-household">
          You are not in a household trust. Its trustees add members.
        </p>
      ) : (
        <>
          <dl className="mb-3 text-sm">
            <Row label="Trust" value={short(h.address)} testId="household-address" />
            <Row label="Your weight" value={h.ledger ? fmtBps(h.ledger.weightBps) : '—'} testId="household-weight" />
            <Row
              label="You contributed"
              value={fmtCurrency(h.ledger?.contributed ?? 0n, 6)}
              testId="household-contributed"
            />
            <Row label="Distributed to you" value={fmtCurrency(h.ledger?.distributed ?? 0n, 6)} />
            <Row label="You claimed" value={fmtCurrency(h.ledger?.claimed ?? 0n, 6)} />
            <Row label="Trust capital" value={fmtCurrency(h.household.capital, 6)} testId="household-capital" />
          </dl>
          <AmountForm
            label="Contribute"
            testId="contribute"
            disabled={!attested || !state.currency}
            tx={tx}
            action="Contribute"
            instructions={(amount) => contributeIxs(state, wallet, amount)}
          />
          <p className="mt-2 text-xs text-muted">Pays currency from your wallet into the trust's capital.</p>
          <TxError tx={tx} testId="household-error" className="mt-3 text-sm" />
        </>
      )}
    </section>
  );
}
