// The programs' units (docs/design.md) and their usual text forms. The currency has 6 decimals;
// energy credits are 1 Wh per base unit; prices are currency base units per kWh; carbon credits
// are grams of CO₂; rates are basis points. Community shares are minted with the currency's
// decimals (programs/community create_community: share mint decimals = currency mint decimals;
// the first deposit gets one share base unit per currency base unit).
export const CURRENCY_DECIMALS = 6;
export const SHARE_DECIMALS = CURRENCY_DECIMALS;

/** A decimal text in base units of `decimals`: "12.5" → 12_500_000n; null when not a positive amount. */
export function parseAmount(text: string, decimals = CURRENCY_DECIMALS): bigint | null {
  const t = text.trim();
  if (!/^\d+(\.\d*)?$|^\.\d+$/.test(t)) return null;
  const [whole, frac = ''] = t.split('.');
  if (frac.length > decimals) return null;
  const v = BigInt(whole || '0') * 10n ** BigInt(decimals) + BigInt(frac.padEnd(decimals, '0') || '0');
  return v > 0n ? v : null;
}

/** Currency from base units with `digits` decimals: 1_234_560_000 → "1,234.56". */
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

/** Currency per whole share, 6 decimals. */
export function fmtSharePrice(price: number): string {
  return price.toLocaleString('en-US', { minimumFractionDigits: 6, maximumFractionDigits: 6 });
}

/** Watts as kW: 7000 → "7 kW", 6500 → "6.5 kW". */
export function fmtKw(w: bigint | number): string {
  return `${(Number(w) / 1000).toLocaleString('en-US', { maximumFractionDigits: 3 })} kW`;
}

/** Wh (energy credits' base units) as kWh, 3 decimals below 10 kWh and 1 above: 88034 → "88 kWh". */
export function fmtKwh(wh: bigint | number): string {
  const kwh = Number(wh) / 1000;
  return `${kwh.toLocaleString('en-US', { maximumFractionDigits: Math.abs(kwh) < 10 ? 3 : 1 })} kWh`;
}

/** Energy credits exactly (1 base unit = 1 Wh): 88034 → "88.034 kWh". */
export function fmtKwhExact(wh: bigint | number): string {
  const kwh = Number(wh) / 1000;
  return `${kwh.toLocaleString('en-US', { minimumFractionDigits: 3, maximumFractionDigits: 3 })} kWh`;
}

/** Grams of CO₂ as kg, or as tonnes from 1 t up. */
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

/** Basis points as a percentage: 250 → "2.5%". */
export function fmtBps(bps: number): string {
  return `${(bps / 100).toLocaleString('en-US', { maximumFractionDigits: 2 })}%`;
}
