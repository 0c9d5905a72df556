use anchor_lang::prelude::*;
use anchor_spl::token_interface::{Mint, TokenAccount};
use grid_market::state::{Meter, OwnerKind};

use crate::{errors::CommunityError, seeds, state::*};

/// A project the manager registers.
#[derive(AnchorSerialize, AnchorDeserialize, Clone, Copy)]
pub struct RegisterProjectArgs {
    /// Chosen by the manager; the project PDA's seed.
    pub project_id: Pubkey,
    /// Peak output in W (matches its meter).
    pub capacity_w: u64,
    /// Budget in currency base units; funding stops there.
    pub capex: u64,
}

/// The manager registers a renewable project: its community-owned grid_market meter, its capacity,
/// its budget and the builder's currency account that receives the funding.
#[derive(Accounts)]
#[instruction(args: RegisterProjectArgs)]
pub struct RegisterProject<'info> {
    #[account(mut)]
    pub manager: Signer<'info>,
    #[account(
        mut, seeds = [seeds::COMMUNITY, community.id.as_ref()], bump = community.bump,
        has_one = manager, has_one = currency_mint,
    )]
    pub community: Box<Account<'info, Community>>,
    #[account(
        constraint = meter.owner == community.key() && meter.owner_kind == OwnerKind::Community
            @ CommunityError::ProjectMeterNotCommunity,
    )]
    pub meter: Box<Account<'info, Meter>>,
    pub currency_mint: Box<InterfaceAccount<'info, Mint>>,
    #[account(token::mint = currency_mint)]
    pub payee: Box<InterfaceAccount<'info, TokenAccount>>,
    /// CHECK: created here by `se_anchor::create_pda` (the id may be guessed, so a pre-funded
    /// address must not block it).
    #[account(mut, seeds = [seeds::PROJECT, community.key().as_ref(), args.project_id.as_ref()], bump)]
    pub project: UncheckedAccount<'info>,
    pub system_program: Program<'info, System>,
}

pub fn handle_register_project(
    ctx: Context<RegisterProject>,
    args: RegisterProjectArgs,
) -> Result<()> {
    require!(
        args.capacity_w > 0 && args.capex > 0,
        CommunityError::InvalidProject
    );
    let a = &mut *ctx.accounts;
    let community = a.community.key();
    let project = Project {
        bump: ctx.bumps.project,
        community,
        id: args.project_id,
        meter: a.meter.key(),
        capacity_w: args.capacity_w,
        capex: args.capex,
        funded: 0,
        payee: a.payee.key(),
    };
    se_anchor::create_pda(
        &a.manager.to_account_info(),
        &a.project,
        &a.system_program.to_account_info(),
        &[
            seeds::PROJECT,
            community.as_ref(),
            args.project_id.as_ref(),
            &[project.bump],
        ],
        8 + Project::INIT_SPACE,
        &project,
        &crate::ID,
        CommunityError::ProjectExists.into(),
    )?;
    a.community.projects += 1;
    // No vault among these accounts: the vault-free part of the community's invariant.
    a.community.books_invariant()
}
