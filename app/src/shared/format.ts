// Units (docs/design.md): the currency has 6 decimals; energy credits are 1 Wh per base unit;
// prices are currency base units per kWh; carbon in grams. Community shares are minted with the
// currency's decimals (programs/community create_community: share mint decimals = currency
// mint decimals; the first deposit gets one share base unit per currency base unit).
export const CURRENCY_DECIMALS = 6;
export const SHARE_DECIMALS = CURRENCY_DECIMALS;

/** What the user typed, in base units of `decimals`: "12.5" → 12_500_000n; null when not a positive amount. */
export function parseAmount(text: string, decimals = CURRENCY_DECIMALS): bigint | null {
  const t = text.trim();
  if (!/^\d+(\.\d*)?$|^\.\d+$/.test(t)) return null;
  const [whole, frac = ''] = t.split('.');
  if (frac.length > decimals) return null;
  const v = BigInt(whole || '0') * 10n ** BigInt(decimals) + BigInt(frac.padEnd(decimals, '0') || '0');
  return v > 0n ? v : null;
}

export function fmtCurrency(base: bigint | number, digits = 2): string {
  const v = Number(base) / 10 ** CURRENCY_DECIMALS;
  return v.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits });
}

/** Community shares from base units: 25_000_000 → "25.00" (up to all 6 decimals when not round). */
export function fmtShares(base: bigint | number): string {
  const v = Number(base) / 10 ** SHARE_DECIMALS;
  return v.toLocaleString('en-US', { minimumFractionDigits: 2, maximumFractionDigits: SHARE_DECIMALS });
}

/** Currency (or shares, also 6 decimals) with every significant decimal: 2 to 6 of them. */
export function fmtAmount(base: bigint | number): string {
  return (Number(base) / 10 ** CURRENCY_DECIMALS).toLocaleString('en-US', {
    minimumFractionDigits: 2,
    maximumFractionDigits: CURRENCY_DECIMALS,
  });
}

/** Currency per whole share (see `sharePrice` in shared/math/fund.ts), 6 decimals. */
export function fmtSharePrice(price: number): string {
  return price.toLocaleString('en-US', { minimumFractionDigits: 6, maximumFractionDigits: 6 });
}

/** Watts as kW: 7000 → "7 kW", 6500 → "6.5 kW". */
export function fmtKw(w: bigint | number): string {
  return `${(Number(w) / 1000).toLocaleString('en-US', { maximumFractionDigits: 3 })} kW`;
}

export function fmtKwh(wh: bigint | number): string {
  const kwh = Number(wh) / 1000;
  return `${kwh.toLocaleString('en-US', { maximumFractionDigits: Math.abs(kwh) < 10 ? 3 : 1 })} kWh`;
}

/** Energy credits exactly (1 base unit = 1 Wh): 88034 → "88.034 kWh". */
export function fmtKwhExact(wh: bigint | number): string {
  const kwh = Number(wh) / 1000;
  return `${kwh.toLocaleString('en-US', { minimumFractionDigits: 3, maximumFractionDigits: 3 })} kWh`;
}

export function fmtCo2(g: bigint | number): string {
  const n = Number(g);
  return n >= 1e6
    ? `${(n / 1e6).toLocaleString('en-US', { maximumFractionDigits: 2 })} t CO₂`
    : `${(n / 1000).toLocaleString('en-US', { maximumFractionDigits: 1 })} kg CO₂`;
}

/** Carbon credits exactly (1 base unit = 1 g CO₂): 3238 → "3.238 kg CO₂". */
export function fmtCarbonG(g: bigint | number): string {
  const kg = Number(g) / 1000;
  return `${kg.toLocaleString('en-US', { minimumFractionDigits: 3, maximumFractionDigits: 3 })} kg CO₂`;
}

export function fmtBps(bps: number): string {
  return `${(bps / 100).toLocaleString('en-US', { maximumFractionDigits: 2 })}%`;
}

export function fmtDuration(secs: number): string {
  if (secs <= 0) return '0s';
  const h = Math.floor(secs / 3600);
  const m = Math.floor((secs % 3600) / 60);
  const s = Math.floor(secs % 60);
  return h > 0 ? `${h}h ${m}m ${s}s` : m > 0 ? `${m}m ${s}s` : `${s}s`;
}

export function fmtDate(unixSecs: bigint | number): string {
  return new Date(Number(unixSecs) * 1000).toISOString().replace('T', ' ').slice(0, 16) + ' UTC';
}

export function short(addr: string): string {
  return `${addr.slice(0, 4)}…${addr.slice(-4)}`;
}
