// The wallet's balances, updated live, and getting currency for collateral at the reserve.
import type { Address } from '@solana/kit';
import { fmtCurrency } from '@sourceenergy/client';
import type { LiveStatus } from '../../../shared/query/livePolicy';
import type { Transaction } from '../../../shared/transaction/useTransaction';
import { AmountForm, Row } from '../../../shared/ui/ui';
import { mintCurrencyIxs } from '../data-access/instructions';
import type { MemberState } from '../data-access/memberState';

export function WalletSection({
  state,
  wallet,
  attested,
  live,
  pollMs,
  tx,
}: {
  state: MemberState;
  wallet: Address;
  attested: boolean;
  live: LiveStatus;
  pollMs: number;
  tx: Transaction;
}) {
  return (
    <section className="card">
      <h2 className="mb-3 flex items-center justify-between gap-2 text-base font-semibold">
        Wallet
        <span className="text-xs font-normal text-muted" data-testid="live-status" data-state={live}>
          <span aria-hidden="true">{live === 'live' ? '●' : '○'}</span>{' '}
          {live === 'live' ? 'live' : live === 'connecting' ? 'connecting…' : `every ${pollMs / 1000} s`}
        </span>
      </h2>
      {/* What the indicator means, on screen (it was a hover tooltip). */}
      <p className="-mt-2 mb-3 text-xs text-muted" data-testid="live-help">
        {live === 'live' ? 'Balances update as the chain changes.' : `Balances refresh every ${pollMs / 1000} s.`}
      </p>
      <dl className="mb-3 text-sm">
        <Row label="SOL" value={(Number(state.lamports) / 1e9).toFixed(3)} testId="sol-balance" />
        <Row
          label="Currency"
          value={state.currency === null ? 'no account yet' : fmtCurrency(state.currency)}
          testId="currency-balance"
        />
        <Row
          label="Collateral"
          value={state.collateral === null ? 'none' : fmtCurrency(state.collateral)}
          testId="collateral-balance"
        />
      </dl>
      <p className="mb-2 text-xs text-muted">
        Deposit collateral at the central bank's reserve for currency (KYC level 2; the reserve's fee applies).
      </p>
      <AmountForm
        label="Get currency"
        testId="mint-currency"
        disabled={!attested || !state.collateral}
        tx={tx}
        action="Get currency"
        instructions={(amount) => mintCurrencyIxs(state, wallet, amount)}
      />
    </section>
  );
}
