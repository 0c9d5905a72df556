// Text forms the pages use beside the programs' units (which are in @sourceenergy/client:
// currency, shares, energy, carbon, basis points).
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
