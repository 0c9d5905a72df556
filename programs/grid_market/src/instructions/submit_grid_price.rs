use anchor_lang::prelude::*;
use central_bank::{checks, state::RoleKind};

use crate::{errors::GridMarketError, seeds, state::*};

/// A holder of the central bank's grid-price-feeder role submits the grid price (currency base
/// units per kWh) for the open epoch; one submission per feeder.
#[derive(Accounts)]
pub struct SubmitGridPrice<'info> {
    pub feeder: Signer<'info>,
    /// CHECK: verified by `central_bank::checks::verify_role` (GridPriceFeeder of `feeder`).
    pub feeder_role: UncheckedAccount<'info>,
    #[account(mut, seeds = [seeds::EPOCH, &epoch.index.to_le_bytes()], bump = epoch.bump)]
    pub epoch: Box<Account<'info, Epoch>>,
}

pub fn handle_submit_grid_price(ctx: Context<SubmitGridPrice>, price: u64) -> Result<()> {
    let a = &mut *ctx.accounts;
    require!(price > 0, GridMarketError::ZeroPrice);
    checks::verify_role(&a.feeder_role, RoleKind::GridPriceFeeder, &a.feeder.key())?;
    require!(
        a.epoch.status == EpochStatus::Open && Clock::get()?.unix_timestamp < a.epoch.end,
        GridMarketError::EpochClosed
    );
    a.epoch.submit_feed(a.feeder.key(), price)?;
    a.epoch.invariant()
}
