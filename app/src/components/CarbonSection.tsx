// Member page: convert energy credits to carbon credits, retire carbon credits for a
// beneficiary with a reason, and the retirement records (the wallet's, or every one).
import { useState } from 'react';
import { useQuery } from '@tanstack/react-query';
import { isAddress, type Address, type Instruction } from '@solana/kit';
import { parseAmount } from '../lib/actions';
import {
  MAX_REASON_BYTES,
  carbonGrams,
  convertEnergyIxs,
  loadCarbon,
  reasonBytes,
  retireCarbonIxs,
} from '../lib/carbon';
import { useApp } from '../lib/context';
import { fmtCarbonG, fmtDate, fmtKwhExact, short } from '../lib/format';
import type { Send } from '../lib/useSend';
import { Row } from './ui';

export function CarbonSection({
  wallet,
  attested,
  send,
  pollMs,
}: {
  wallet: Address;
  attested: boolean;
  send: Send;
  pollMs: number;
}) {
  const { rpc, cluster } = useApp();
  const q = useQuery({
    queryKey: ['carbon', cluster.rpcUrl, wallet],
    queryFn: () => loadCarbon(rpc, wallet),
    refetchInterval: pollMs,
  });
  const [kwh, setKwh] = useState('');
  const [kg, setKg] = useState('');
  const [beneficiary, setBeneficiary] = useState('');
  const [reason, setReason] = useState('');
  const [busy, setBusy] = useState<'convert' | 'retire' | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [showAll, setShowAll] = useState(false);

  if (q.isPending) return <section className="card text-sm">Reading carbon credits…</section>;
  if (q.isError) return <section className="card text-sm" role="alert">Cannot read carbon credits: {String(q.error)}</section>;
  const s = q.data;
  if (!s.registry) {
    return (
      <section className="card text-sm text-slate-500" data-testid="carbon">
        No carbon registry on this cluster.
      </section>
    );
  }

  const wh = parseAmount(kwh, 3);
  const preview = wh !== null && s.emissionFactor !== null ? carbonGrams(wh, s.emissionFactor) : null;
  const grams = parseAmount(kg, 3);
  const beneficiaryText = beneficiary.trim();
  const beneficiaryOk = beneficiaryText === '' || isAddress(beneficiaryText);
  const reasonLen = reasonBytes(reason);
  const mine = s.retirements.filter((r) => r.data.wallet === wallet);
  const shown = showAll ? s.retirements : mine;

  const run = async (which: 'convert' | 'retire', build: () => Promise<Instruction[]>, label: string) => {
    setBusy(which);
    setError(null);
    try {
      const out = await send(label, await build());
      if (!out.ok) setError(out.message);
      return out.ok;
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
      return false;
    } finally {
      setBusy(null);
    }
  };

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
          onSubmit={async (e) => {
            e.preventDefault();
            if (wh === null) return;
            if (await run('convert', () => convertEnergyIxs(wallet, s, wh), 'Convert to carbon')) setKwh('');
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
                disabled={!attested || busy !== null || wh === null || !preview}
              >
                {busy === 'convert' ? 'Working…' : 'Convert'}
              </button>
            </div>
          </label>
          <p className="text-xs text-slate-500" data-testid="convert-preview">
            {preview === null
              ? 'Burns the energy credits for carbon credits at the grid emission factor.'
              : `You receive ${fmtCarbonG(preview)} of carbon credits${preview === 0n ? ' (too little energy)' : ''}.`}
          </p>
        </form>

        <form
          className="space-y-2"
          onSubmit={async (e) => {
            e.preventDefault();
            if (grams === null || !beneficiaryOk || reasonLen > MAX_REASON_BYTES) return;
            const to = (beneficiaryText || wallet) as Address;
            if (await run('retire', () => retireCarbonIxs(rpc, wallet, s, grams, to, reason), 'Retire carbon')) {
              setKg('');
              setBeneficiary('');
              setReason('');
            }
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
          <div className="flex items-center justify-between gap-2 text-xs text-slate-500">
            <span className={reasonLen > MAX_REASON_BYTES ? 'text-red-700 dark:text-red-400' : ''}>
              {!beneficiaryOk ? 'Not a valid address. ' : ''}
              Reason {reasonLen}/{MAX_REASON_BYTES} bytes
            </span>
            <button
              type="submit"
              className="btn shrink-0"
              data-testid="retire"
              disabled={
                !attested || busy !== null || grams === null || !beneficiaryOk || reasonLen > MAX_REASON_BYTES
              }
            >
              {busy === 'retire' ? 'Working…' : 'Retire'}
            </button>
          </div>
        </form>
        {!attested ? <p className="mt-2 text-xs text-slate-500">Needs a valid attestation (level {s.minLevel ?? '?'}).</p> : null}
        {error ? (
          <p className="mt-3 text-sm text-red-700 dark:text-red-400" role="alert" data-testid="carbon-error">
            {error}
          </p>
        ) : null}
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
          <p className="text-sm text-slate-500" data-testid="no-retirements">
            {showAll ? 'No carbon credits retired on this cluster yet.' : 'You have not retired carbon credits yet.'}
          </p>
        ) : (
          <div className="table-scroll">
            <table className="w-full text-sm" data-testid="retirements">
              <thead className="text-left text-slate-500">
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
                    <td className="whitespace-nowrap py-1 pr-3 font-mono" title={r.data.wallet} data-testid="retirement-wallet">
                      {r.data.wallet === wallet ? 'you' : short(r.data.wallet)}
                    </td>
                    <td className="whitespace-nowrap py-1 pr-3 font-mono" title={r.data.beneficiary} data-testid="retirement-beneficiary">
                      {r.data.beneficiary === wallet ? 'you' : short(r.data.beneficiary)}
                    </td>
                    <td className="min-w-48 py-1" data-testid="retirement-reason">
                      {r.data.reason || '—'}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>
    </>
  );
}
