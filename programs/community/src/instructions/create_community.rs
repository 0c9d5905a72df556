use anchor_lang::prelude::*;
use anchor_spl::{token_2022::Token2022, token_interface::Mint};
use central_bank::checks;

use super::fund_ops::verify_registrar;
use crate::{errors::CommunityError, seeds, state::*};

/// A holder of the central bank's community-registrar role creates a community fund it manages.
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
    /// CHECK: created here by `se_anchor::create_pda` (the id may be guessed, so a pre-funded
    /// address must not block it).
    #[account(mut, seeds = [seeds::COMMUNITY, id.as_ref()], bump)]
    pub community: UncheckedAccount<'info>,
    #[account(
        seeds = [central_bank::seeds::CURRENCY_MINT], bump, seeds::program = central_bank::ID,
        mint::token_program = token_program,
    )]
    pub currency_mint: Box<InterfaceAccount<'info, Mint>>,
    /// CHECK: created here, the fund's currency account (`se_anchor::create_token_account`).
    #[account(mut, seeds = [seeds::COMMUNITY_VAULT, community.key().as_ref()], bump)]
    pub vault: UncheckedAccount<'info>,
    /// CHECK: created here, the share mint with the currency's decimals, the community its
    /// authority (`se_anchor::create_mint`).
    #[account(mut, seeds = [seeds::SHARE_MINT, community.key().as_ref()], bump)]
    pub share_mint: UncheckedAccount<'info>,
    pub token_program: Program<'info, Token2022>,
    pub system_program: Program<'info, System>,
}

pub fn handle_create_community(
    ctx: Context<CreateCommunity>,
    id: Pubkey,
    fee_bps: u16,
) -> Result<()> {
    require!(fee_bps <= MAX_FEE_BPS, CommunityError::FeeOutOfBounds);
    let a = &ctx.accounts;
    verify_registrar(&a.manager_role, &a.manager.key())?;
    let stream_secs = checks::load_policy(&a.policy)?.params.epoch_length_secs;
    let now = Clock::get()?.unix_timestamp;
    let c = Community {
        bump: ctx.bumps.community,
        id,
        manager: a.manager.key(),
        currency_mint: a.currency_mint.key(),
        vault: a.vault.key(),
        share_mint: a.share_mint.key(),
        fee_bps,
        stream_secs,
        stream_end: now,
        stream_updated: now,
        ..Default::default()
    };
    c.invariant(0)?;
    let (manager, system) = (
        a.manager.to_account_info(),
        a.system_program.to_account_info(),
    );
    let program = a.token_program.to_account_info();
    se_anchor::create_pda(
        &manager,
        &a.community,
        &system,
        &c.seeds(),
        8 + Community::INIT_SPACE,
        &c,
        &crate::ID,
        CommunityError::CommunityExists.into(),
    )?;
    let community = a.community.key();
    se_anchor::create_token_account(
        &manager,
        &a.vault,
        &system,
        &[
            seeds::COMMUNITY_VAULT,
            community.as_ref(),
            &[ctx.bumps.vault],
        ],
        &a.currency_mint.to_account_info(),
        &a.community,
        &program,
    )?;
    se_anchor::create_mint(
        &manager,
        &a.share_mint,
        &system,
        &[
            seeds::SHARE_MINT,
            community.as_ref(),
            &[ctx.bumps.share_mint],
        ],
        a.currency_mint.decimals,
        &community,
        None,
        &program,
    )
}
