use anchor_lang::prelude::*;
use central_bank::cpi_util;

use crate::{errors::GridMarketError, events::EpochEvent, seeds, state::*};

/// Permissionless: opens the current epoch (readings need it).
#[derive(Accounts)]
#[instruction(index: u64)]
pub struct OpenEpoch<'info> {
    #[account(mut)]
    pub payer: Signer<'info>,
    #[account(seeds = [seeds::MARKET], bump = market.bump)]
    pub market: Box<Account<'info, Market>>,
    /// CHECK: created by `central_bank::cpi_util::create_pda` (predictable address).
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
    };
    cpi_util::create_pda(
        &a.payer.to_account_info(),
        &a.epoch.to_account_info(),
        &a.system_program.to_account_info(),
        &[seeds::EPOCH, &index.to_le_bytes(), &[epoch.bump]],
        8 + Epoch::INIT_SPACE,
        &epoch,
        &crate::ID,
        GridMarketError::EpochExists.into(),
    )?;
    emit!(EpochEvent {
        index,
        opened: true,
        total_wh: 0,
    });
    Ok(())
}

/// Permissionless once the epoch has ended: no more readings.
#[derive(Accounts)]
pub struct CloseEpoch<'info> {
    #[account(mut, seeds = [seeds::EPOCH, &epoch.index.to_le_bytes()], bump = epoch.bump)]
    pub epoch: Box<Account<'info, Epoch>>,
}

pub fn handle_close_epoch(ctx: Context<CloseEpoch>) -> Result<()> {
    let epoch = &mut ctx.accounts.epoch;
    require!(
        Clock::get()?.unix_timestamp >= epoch.end,
        GridMarketError::EpochNotEnded
    );
    require!(
        epoch.status == EpochStatus::Open,
        GridMarketError::EpochClosed
    );
    epoch.status = EpochStatus::Closed;
    emit!(EpochEvent {
        index: epoch.index,
        opened: false,
        total_wh: epoch.total_wh,
    });
    Ok(())
}
