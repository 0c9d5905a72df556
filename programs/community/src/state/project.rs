use anchor_lang::prelude::*;

/// A renewable project the community funds. PDA `[PROJECT, community, id]`. Its meter is a
/// community-owned L3 meter, so the project's grid revenue is the community's.
#[account]
#[derive(InitSpace)]
pub struct Project {
    pub bump: u8,
    pub community: Pubkey,
    pub id: Pubkey,
    pub meter: Pubkey,
    pub capacity_w: u64,
    /// Budget; funding stops here.
    pub capex: u64,
    pub funded: u64,
    /// Currency account of the builder that receives the funding.
    pub payee: Pubkey,
}
