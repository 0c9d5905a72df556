use anchor_lang::prelude::*;

/// A renewable project the community funds. PDA `[PROJECT, community, id]`. Its meter is a
/// community-owned grid_market meter, so the project's grid revenue is the community's.
#[account]
#[derive(InitSpace)]
pub struct Project {
    /// PDA bump.
    pub bump: u8,
    /// The community that funds it.
    pub community: Pubkey,
    /// Chosen by the manager; the PDA seed.
    pub id: Pubkey,
    /// Its community-owned grid_market meter.
    pub meter: Pubkey,
    /// Peak output in W.
    pub capacity_w: u64,
    /// Budget; funding stops here.
    pub capex: u64,
    /// Currency paid to the builder so far, base units.
    pub funded: u64,
    /// Currency account of the builder that receives the funding.
    pub payee: Pubkey,
}
