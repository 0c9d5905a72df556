use anchor_lang::prelude::*;
use anchor_spl::{
    token_2022::Token2022,
    token_interface::{Mint, TokenAccount},
};
use grid_market::program::GridMarket;

use crate::{errors::MathExt, events::RevenueEvent, seeds, state::*};

/// Permissionless: the community claims its revenue from a settled grid_market epoch (its PDA signs
/// the grid_market claim by CPI). Revenue booked at the epoch's close (`book_revenue`) is now
/// received; revenue never booked is split now: the fee to the benefit fund, the rest streaming to
/// the staked shares over the next `stream_secs`.
#[derive(Accounts)]
pub struct ClaimCommunityGridRevenue<'info> {
    #[account(mut, seeds = [seeds::COMMUNITY, community.id.as_ref()], bump = community.bump, has_one = vault)]
    pub community: Box<Account<'info, Community>>,
    #[account(mut)]
    pub vault: Box<InterfaceAccount<'info, TokenAccount>>,
    /// CHECK: the community's grid_market contributor record; grid_market checks it.
    #[account(mut)]
    pub contributor: UncheckedAccount<'info>,
    /// CHECK: grid market; grid_market checks it.
    pub market: UncheckedAccount<'info>,
    /// CHECK: the grid_market epoch; grid_market checks it, and its index is read from it for the
    /// event.
    #[account(mut)]
    pub epoch: UncheckedAccount<'info>,
    pub currency_mint: Box<InterfaceAccount<'info, Mint>>,
    /// CHECK: grid_market revenue vault; grid_market checks it.
    #[account(mut)]
    pub revenue_vault: UncheckedAccount<'info>,
    pub token_program: Program<'info, Token2022>,
    pub grid_market_program: Program<'info, GridMarket>,
}

pub fn handle_claim_grid_revenue(ctx: Context<ClaimCommunityGridRevenue>) -> Result<()> {
    let a = &mut *ctx.accounts;
    let before = a.vault.amount;
    let c = &a.community;
    let signer = c.seeds();
    grid_market::cpi::claim(CpiContext::new_with_signer(
        a.grid_market_program.key(),
        grid_market::claim_accounts!(a, c, a.currency_mint, a.token_program, a.vault),
        &[&signer],
    ))?;
    a.vault.reload()?;
    let received = se_math::checked_sub(a.vault.amount, before).math()?;
    // grid_market accepted this account as its epoch, so it is one; the event names its index.
    let epoch = {
        let data = a.epoch.try_borrow_data()?;
        grid_market::state::Epoch::try_deserialize(&mut &data[..])?.index
    };
    let now = Clock::get()?.unix_timestamp;
    let split = a.community.receive(epoch, received, now)?;
    emit_event!(RevenueEvent {
        community: a.community.key(),
        epoch,
        received,
        fee: split.as_ref().map_or(0, |s| s.fee),
        streamed: split.as_ref().map_or(0, |s| s.streamed),
        stream_end: a.community.stream_end,
    });
    a.community.invariant(a.vault.amount)
}
