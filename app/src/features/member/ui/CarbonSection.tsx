// Carbon credits: convert energy credits to carbon credits, retire carbon credits for a
// beneficiary with a reason, and the retirement records (the wallet's, or every one).
import { useState } from 'react';
import type { UiWalletAccount } from '@wallet-standard/react';
import { address, isAddress } from '@solana/kit';
import { fmtCarbonG, fmtKwhExact, parseAmount } from '@sourceenergy/client';
import { useApp } from '../../../shared/context';
import { fmtDate, short } from '../../../shared/format';
import { isSending } from '../../../shared/transaction/useTransaction';
import { Addr, Row, TxError, TableScroll } from '../../../shared/ui/ui';
import { MAX_REASON_BYTES, carbonGrams, convertEnergyIxs, reasonBytes, retireCarbonIxs } from '../data-access/carbon';
import { useMemberMutation } from '../data-access/mutations';
import { useCarbonQuery } from '../data-access/queries';

const CONVERT = 'Convert to carbon';
const RETIRE = 'Retire carbon';

export function CarbonSection({
  account,
  attested,
  pollMs,
}: {
  account: UiWalletAccount;
  attested: boolean;
  pollMs: number;
}) {
  const { rpc } = useApp();
  const wallet = address(account.address);
  const tx = useMemberMutation(account);
  const q = useCarbonQuery(wallet, pollMs);
  const [kwh, setKwh] = useState('');
  const [kg, setKg] = useState('');
  const [beneficiary, setBeneficiary] = useState('');
  const [reason, setReason] = useState('');
  const [showAll, setShowAll] = useState(false);

  if (q.isPending) return <section className="card text-sm">Reading carbon credits…</section>;
  if (q.isError) return <section className="card text-sm" role="alert">Cannot read carbon credits: {String(q.error)}</section>;
  const s = q.data;
  if (!s.registry) {
    return (
      <section className="card text-sm text-muted" data-testid="carbon">
        No carbon registry on this cluster.
      </section>
    );
  }

  const wh = parseAmount(kwh, 3);
  const preview = wh !== null && s.emissionFactor !== null ? carbonGrams(wh, s.emissionFactor) : null;
  const grams = parseAmount(kg, 3);
  const beneficiaryText = beneficiary.trim();
  // Left empty, the retirement is for the wallet itself.
  const beneficiaryAddress = beneficiaryText === '' ? wallet : isAddress(beneficiaryText) ? beneficiaryText : null;
  const beneficiaryOk = beneficiaryAddress !== null;
  const reasonLen = reasonBytes(reason);
  const mine = s.retirements.filter((r) => r.data.wallet === wallet);
  const shown = showAll ? s.retirements : mine;

  return (
    <>
      <section className="card" data-testid="carbon">
        <h2 className="mb-3 text-base font-semibold">Carbon credits</h2>
        <dl className="mb-3 text-sm">
          <Row
            label="Energy credits"
            value={s.energyWh === null ? 'no account yet' : fmtKwhExact(s.energyWh)}
            testId="carbon-energy-balance"
          />
          <Row
            label="Carbon credits"
            value={s.carbonG === null ? 'no account yet' : fmtCarbonG(s.carbonG)}
            testId="carbon-balance"
          />
          <Row
            label="Emission factor"
            value={s.emissionFactor === null ? '—' : `${s.emissionFactor} g CO₂ per kWh`}
            testId="emission-factor"
          />
          <Row label="Retired by you" value={fmtCarbonG(mine.reduce((t, r) => t + r.data.carbonG, 0n))} testId="carbon-retired-mine" />
        </dl>

        <form
          className="mb-4 space-y-2"
          onSubmit={(e) => {
            e.preventDefault();
            if (wh === null) return;
            tx.mutate({ label: CONVERT, instructions: () => convertEnergyIxs(wallet, s, wh) }, { onSuccess: () => setKwh('') });
          }}
        >
          <label className="block text-sm">
            <span className="stat-label">Convert energy credits (kWh)</span>
            <div className="mt-1 flex gap-2">
              <input
                className="input"
                inputMode="decimal"
                placeholder="kWh"
                aria-label="Energy credits to convert, kWh"
                data-testid="convert-kwh"
                value={kwh}
                onChange={(e) => setKwh(e.target.value)}
              />
              <button
                type="submit"
                className="btn shrink-0"
                data-testid="convert"
                disabled={!attested || tx.isPending || wh === null || !preview}
              >
                {isSending(tx, CONVERT) ? 'Working…' : 'Convert'}
              </button>
            </div>
          </label>
          <p className="text-xs text-muted" data-testid="convert-preview">
            {preview === null
              ? 'Burns the energy credits for carbon credits at the grid emission factor.'
              : `You receive ${fmtCarbonG(preview)} of carbon credits${preview === 0n ? ' (too little energy)' : ''}.`}
          </p>
        </form>

        <form
          className="space-y-2"
          onSubmit={(e) => {
            e.preventDefault();
            if (grams === null || beneficiaryAddress === null || reasonLen > MAX_REASON_BYTES) return;
            tx.mutate(
              { label: RETIRE, instructions: () => retireCarbonIxs(rpc, wallet, s, grams, beneficiaryAddress, reason) },
              {
                onSuccess: () => {
                  setKg('');
                  setBeneficiary('');
                  setReason('');
                },
              },
            );
          }}
        >
          <span className="stat-label">Retire carbon credits</span>
          <input
            className="input"
            inputMode="decimal"
            placeholder="kg CO₂"
            aria-label="Carbon credits to retire, kg CO₂"
            data-testid="retire-kg"
            value={kg}
            onChange={(e) => setKg(e.target.value)}
          />
          <input
            className="input font-mono"
            placeholder={`Beneficiary (default: you, ${short(wallet)})`}
            aria-label="Beneficiary address"
            data-testid="retire-beneficiary"
            value={beneficiary}
            onChange={(e) => setBeneficiary(e.target.value)}
          />
          <input
            className="input"
            placeholder="Reason"
            aria-label="Reason"
            data-testid="retire-reason"
            value={reason}
            onChange={(e) => setReason(e.target.value)}
          />
          <div className="flex items-center justify-between gap-2 text-xs text-muted">
            <span className={reasonLen > MAX_REASON_BYTES ? 'text-red-700 dark:text-red-400' : ''}>
              {!beneficiaryOk ? 'Not a valid address. ' : ''}
              Reason {reasonLen}/{MAX_REASON_BYTES} bytes
            </span>
            <button
              type="submit"
              className="btn shrink-0"
              data-testid="retire"
              disabled={
                !attested || tx.isPending || grams === null || !beneficiaryOk || reasonLen > MAX_REASON_BYTES
              }
            >
              {isSending(tx, RETIRE) ? 'Working…' : 'Retire'}
            </button>
          </div>
        </form>
        {!attested ? <p className="mt-2 text-xs text-muted">Needs a valid attestation (level {s.minLevel ?? '?'}).</p> : null}
        <TxError tx={tx} testId="carbon-error" className="mt-3 text-sm" />
      </section>

      <section className="card min-w-0 md:col-span-2">
        <div className="mb-3 flex flex-wrap items-center justify-between gap-2">
          <h2 className="text-base font-semibold">Retirement records</h2>
          <div className="flex gap-1 text-sm" role="group" aria-label="Which records">
            <button
              type="button"
              className={`btn-secondary ${!showAll ? 'bg-slate-200 dark:bg-slate-800' : ''}`}
              aria-pressed={!showAll}
              data-testid="retirements-mine"
              onClick={() => setShowAll(false)}
            >
              Yours ({mine.length})
            </button>
            <button
              type="button"
              className={`btn-secondary ${showAll ? 'bg-slate-200 dark:bg-slate-800' : ''}`}
              aria-pressed={showAll}
              data-testid="retirements-all"
              onClick={() => setShowAll(true)}
            >
              All ({s.retirements.length})
            </button>
          </div>
        </div>
        {shown.length === 0 ? (
          <p className="text-sm text-muted" data-testid="no-retirements">
            {showAll ? 'No carbon credits retired on this cluster yet.' : 'You have not retired carbon credits yet.'}
          </p>
        ) : (
          <TableScroll label="Retirement records">
            <table className="w-full text-sm" data-testid="retirements">
              <thead className="text-left text-muted">
                <tr>
                  <th className="whitespace-nowrap py-1 pr-3">#</th>
                  <th className="whitespace-nowrap py-1 pr-3">Retired</th>
                  <th className="whitespace-nowrap py-1 pr-3 text-right">Amount</th>
                  <th className="whitespace-nowrap py-1 pr-3">By</th>
                  <th className="whitespace-nowrap py-1 pr-3">Beneficiary</th>
                  <th className="py-1">Reason</th>
                </tr>
              </thead>
              <tbody>
                {shown.map((r) => (
                  <tr
                    key={r.address}
                    className="border-t border-slate-200 dark:border-slate-800"
                    data-testid={`retirement-${r.data.serial}`}
                  >
                    <td className="py-1 pr-3 tabular-nums">{r.data.serial.toString()}</td>
                    <td className="whitespace-nowrap py-1 pr-3" data-testid="retirement-date">
                      {fmtDate(r.data.retiredAt)}
                    </td>
                    <td className="whitespace-nowrap py-1 pr-3 text-right tabular-nums" data-testid="retirement-amount">
                      {fmtCarbonG(r.data.carbonG)}
                    </td>
                    <td className="whitespace-nowrap py-1 pr-3">
                      <Addr a={r.data.wallet} testId="retirement-wallet">
                        {r.data.wallet === wallet ? 'you' : undefined}
                      </Addr>
                    </td>
                    <td className="whitespace-nowrap py-1 pr-3">
                      <Addr a={r.data.beneficiary} testId="retirement-beneficiary">
                        {r.data.beneficiary === wallet ? 'you' : undefined}
                      </Addr>
                    </td>
                    <td className="min-w-48 py-1" data-testid="retirement-reason">
                      {r.data.reason || '—'}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </TableScroll>
        )}
      </section>
    </>
  );
}
