// Units (DESIGN.md): the currency has 6 decimals; energy credits are 1 Wh per base unit;
// prices are currency base units per kWh; carbon in grams.
export const CURRENCY_DECIMALS = 6;

export function fmtCurrency(base: bigint | number, digits = 2): string {
  const v = Number(base) / 10 ** CURRENCY_DECIMALS;
  return v.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits });
}

export function fmtKwh(wh: bigint | number): string {
  const kwh = Number(wh) / 1000;
  return `${kwh.toLocaleString('en-US', { maximumFractionDigits: Math.abs(kwh) < 10 ? 3 : 1 })} kWh`;
}

export function fmtCo2(g: bigint | number): string {
  const n = Number(g);
  return n >= 1e6
    ? `${(n / 1e6).toLocaleString('en-US', { maximumFractionDigits: 2 })} t CO₂`
    : `${(n / 1000).toLocaleString('en-US', { maximumFractionDigits: 1 })} kg CO₂`;
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
