use anchor_lang::prelude::*;
use anchor_spl::{
    token_2022::Token2022,
    token_interface::{Mint, TokenAccount},
};
use central_bank::checks;

use super::fund_ops::verify_registrar;
use crate::{errors::CommunityError, seeds, state::*};

/// A holder of the L1 community-registrar role creates a community fund it manages.
#[derive(Accounts)]
#[instruction(id: Pubkey)]
pub struct CreateCommunity<'info> {
    #[account(mut)]
    pub manager: Signer<'info>,
    /// CHECK: verified by `central_bank::checks::verify_role` (CommunityRegistrar of `manager`).
    pub manager_role: UncheckedAccount<'info>,
    /// CHECK: verified by `central_bank::checks::load_policy`; its epoch length sets how long
    /// each revenue receipt streams to shareholders.
    pub policy: UncheckedAccount<'info>,
    #[account(init, payer = manager, space = 8 + Community::INIT_SPACE, seeds = [seeds::COMMUNITY, id.as_ref()], bump)]
    pub community: Box<Account<'info, Community>>,
    #[account(
        seeds = [central_bank::seeds::CURRENCY_MINT], bump, seeds::program = central_bank::ID,
        mint::token_program = token_program,
    )]
    pub currency_mint: Box<InterfaceAccount<'info, Mint>>,
    #[account(
        init, payer = manager, seeds = [seeds::COMMUNITY_VAULT, community.key().as_ref()], bump,
        token::mint = currency_mint, token::authority = community, token::token_program = token_program,
    )]
    pub vault: Box<InterfaceAccount<'info, TokenAccount>>,
    #[account(
        init, payer = manager, seeds = [seeds::SHARE_MINT, community.key().as_ref()], bump,
        mint::decimals = currency_mint.decimals, mint::authority = community,
        mint::token_program = token_program,
    )]
    pub share_mint: Box<InterfaceAccount<'info, Mint>>,
    pub token_program: Program<'info, Token2022>,
    pub system_program: Program<'info, System>,
}

pub fn handle_create_community(
    ctx: Context<CreateCommunity>,
    id: Pubkey,
    fee_bps: u16,
) -> Result<()> {
    require!(fee_bps <= MAX_FEE_BPS, CommunityError::FeeOutOfBounds);
    let a = &mut *ctx.accounts;
    verify_registrar(&a.manager_role, &a.manager.key())?;
    let stream_secs = checks::load_policy(&a.policy)?.params.epoch_length_secs;
    let c = &mut a.community;
    c.bump = ctx.bumps.community;
    c.id = id;
    c.manager = a.manager.key();
    c.currency_mint = a.currency_mint.key();
    c.vault = a.vault.key();
    c.share_mint = a.share_mint.key();
    c.fee_bps = fee_bps;
    c.stream_secs = stream_secs;
    c.stream_end = Clock::get()?.unix_timestamp;
    c.stream_updated = c.stream_end;
    a.community.invariant(a.vault.amount)
}
