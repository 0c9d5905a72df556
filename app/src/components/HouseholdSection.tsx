// Member page: the member's household trust (its ledger there) and "contribute to the household".
import { useState } from 'react';
import { useQuery } from '@tanstack/react-query';
import type { Address } from '@solana/kit';
import type { MemberState } from '../lib/chain';
import { useApp } from '../lib/context';
import { fmtBps, fmtCurrency, short } from '../lib/format';
import { contributeIxs, loadMemberHousehold } from '../lib/memberHousehold';
import type { Send } from '../lib/useSend';
import { AmountForm, Row } from './ui';

export function HouseholdSection({
  wallet,
  state,
  attested,
  send,
  pollMs,
}: {
  wallet: Address;
  state: MemberState;
  attested: boolean;
  send: Send;
  pollMs: number;
}) {
  const { rpc, cluster } = useApp();
  const householdKey = state.member?.household ?? null;
  const q = useQuery({
    queryKey: ['household-member', cluster.rpcUrl, wallet, householdKey],
    queryFn: () => loadMemberHousehold(rpc, state, wallet),
    enabled: state.member !== null,
    refetchInterval: pollMs,
  });
  const [error, setError] = useState<string | null>(null);
  if (!state.member) return null;
  const h = q.data ?? null;
  return (
    <section className="card" data-testid="household-section">
      <h2 className="mb-3 text-base font-semibold">Household</h2>
      {q.isPending ? (
        <p className="text-sm">Reading your household…</p>
      ) : !h ? (
        <p className="text-sm text-slate-500" data-testid="no-household">
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
            onSubmit={async (amount) => {
              setError(null);
              try {
                const out = await send('Contribute', await contributeIxs(state, wallet, amount));
                if (!out.ok) setError(out.message);
                return out.ok;
              } catch (err) {
                setError(err instanceof Error ? err.message : String(err));
                return false;
              }
            }}
          />
          <p className="mt-2 text-xs text-slate-500">Pays currency from your wallet into the trust's capital.</p>
          {error ? (
            <p className="mt-3 text-sm text-red-700 dark:text-red-400" role="alert" data-testid="household-error">
              {error}
            </p>
          ) : null}
        </>
      )}
    </section>
  );
}
