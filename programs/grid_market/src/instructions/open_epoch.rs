use anchor_lang::prelude::*;

use crate::{errors::GridMarketError, events::EpochEvent, seeds, state::*};

/// Permissionless: opens the current epoch (readings need it).
#[derive(Accounts)]
#[instruction(index: u64)]
pub struct OpenEpoch<'info> {
    #[account(mut)]
    pub payer: Signer<'info>,
    #[account(seeds = [seeds::MARKET], bump = market.bump)]
    pub market: Box<Account<'info, Market>>,
    /// CHECK: created by `se_anchor::create_pda` (predictable address).
    #[account(mut, seeds = [seeds::EPOCH, &index.to_le_bytes()], bump)]
    pub epoch: UncheckedAccount<'info>,
    pub system_program: Program<'info, System>,
}

pub fn handle_open_epoch(ctx: Context<OpenEpoch>, index: u64) -> Result<()> {
    let a = &ctx.accounts;
    let now = Clock::get()?.unix_timestamp;
    require!(index == a.market.epoch_at(now), GridMarketError::WrongEpoch);
    let start = a.market.epoch_start(index);
    let epoch = Epoch {
        bump: ctx.bumps.epoch,
        index,
        start,
        end: start + a.market.epoch_length_secs as i64,
        status: EpochStatus::Open,
        total_wh: 0,
        readings: 0,
        feeders: [Pubkey::default(); MAX_FEEDS],
        feeds: [0; MAX_FEEDS],
        feed_count: 0,
        grid_price: 0,
        grid_source: GridPriceSource::Unpriced,
        market_price: 0,
        market_depth: 0,
        market_weight_bps: 0,
        clearing_price: 0,
        revenue: 0,
        claimed: 0,
        swept: 0,
        settled_at: 0,
        claim_deadline: 0,
    };
    se_anchor::create_pda(
        &a.payer.to_account_info(),
        &a.epoch.to_account_info(),
        &a.system_program.to_account_info(),
        &[seeds::EPOCH, &index.to_le_bytes(), &[epoch.bump]],
        8 + Epoch::INIT_SPACE,
        &epoch,
        &crate::ID,
        GridMarketError::EpochExists.into(),
    )?;
    emit_event!(EpochEvent {
        index,
        opened: true,
        total_wh: 0,
    });
    epoch.invariant()
}
