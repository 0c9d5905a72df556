// The package's root: each program's generated client as a namespace (the six share many names,
// e.g. `findVaultPda`, `Community` or `getDivestInstruction`, so they cannot sit flat side by
// side), and the hand-written helpers every client needs. Each program is also its own entry,
// flat: `@sourceenergy/client/central-bank`, `/marketplace`, `/grid-market`, `/community`,
// `/household`, `/member`.
export * as centralBank from './generated/central_bank';
export * as marketplace from './generated/marketplace';
export * as gridMarket from './generated/grid_market';
export * as community from './generated/community';
export * as household from './generated/household';
export * as member from './generated/member';
export { programErrorTable, type ProgramErrors } from './generated/errorTable';
export * from './errors';
export * from './pda';
export * from './units';
