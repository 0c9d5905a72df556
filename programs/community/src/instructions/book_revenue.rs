use anchor_lang::prelude::*;
use grid_market::state::{Contributor, Epoch, EpochStatus};
use se_math::pricing::energy_value;

use crate::{
    errors::{CommunityError, MathExt},
    events::BookRevenueEvent,
    seeds,
    state::*,
};

/// Permissionless, once a grid_market epoch is closed (its price fixed): books the community's
/// revenue of that epoch, `floor(its Wh x clearing price / 1000)`, and starts streaming it to
/// staked shares now, before the offtaker pays. So an epoch's revenue streams right after the epoch
/// however late, and however batched, the settlements come, and a deposit made just before a batch
/// of settlements arrives gets no share of epochs it was not staked for. The crank books every
/// closed epoch; `claim_grid_revenue` takes the cash in later.
#[derive(Accounts)]
pub struct BookRevenue<'info> {
    #[account(mut, seeds = [seeds::COMMUNITY, community.id.as_ref()], bump = community.bump)]
    pub community: Box<Account<'info, Community>>,
    /// The community's grid_market contributor record: its energy per epoch.
    #[account(
        seeds = [grid_market::seeds::CONTRIBUTOR, community.key().as_ref()],
        bump = contributor.bump, seeds::program = grid_market::ID,
    )]
    pub contributor: Box<Account<'info, Contributor>>,
    /// The grid_market epoch.
    #[account(
        seeds = [grid_market::seeds::EPOCH, &epoch.index.to_le_bytes()], bump = epoch.bump,
        seeds::program = grid_market::ID,
    )]
    pub epoch: Box<Account<'info, Epoch>>,
}

pub fn handle_book_revenue(ctx: Context<BookRevenue>) -> Result<()> {
    let a = &mut *ctx.accounts;
    let epoch = &a.epoch;
    require!(
        matches!(epoch.status, EpochStatus::Closed | EpochStatus::Settled),
        CommunityError::NothingToBook
    );
    let wh = a.contributor.in_epoch(epoch.index);
    require!(wh > 0, CommunityError::NothingToBook);
    let amount = energy_value(wh, epoch.clearing_price).math()?;
    let now = Clock::get()?.unix_timestamp;
    let split = a.community.book(epoch.index, amount, now)?;
    emit_event!(BookRevenueEvent {
        community: a.community.key(),
        epoch: epoch.index,
        wh,
        amount,
        fee: split.fee,
        streamed: split.streamed,
        stream_end: a.community.stream_end,
    });
    // No vault among these accounts: the vault-free part of the community's invariant.
    a.community.books_invariant()
}
