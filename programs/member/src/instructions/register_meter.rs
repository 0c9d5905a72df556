use anchor_lang::prelude::*;
use grid_market::{
    cpi::accounts::RegisterMeter as L3RegisterMeter, program::GridMarket, state::OwnerKind,
    RegisterMeterArgs,
};

use crate::{errors::MemberError, seeds, state::*};

/// The member registers as the owner of a meter it will sell energy from. A holder of the
/// central bank's meter-registrar role co-signs (it vouches for the physical meter). grid_market
/// creates the meter owned by the member account, so its revenue is claimed only through the member
/// program (permission and a valid attestation), and with the wallet as the receiver of its energy
/// credits.
#[derive(Accounts)]
pub struct RegisterMeter<'info> {
    pub wallet: Signer<'info>,
    #[account(mut, seeds = [seeds::MEMBER, wallet.key().as_ref()], bump = member.bump, has_one = wallet)]
    pub member: Box<Account<'info, Member>>,
    /// CHECK: the wallet's attestation; `Member::authorize` verifies it.
    pub attestation: UncheckedAccount<'info>,
    /// CHECK: the central bank's policy; `Member::authorize` verifies it.
    pub policy: UncheckedAccount<'info>,
    /// Pays for the meter account.
    #[account(mut)]
    pub registrar: Signer<'info>,
    /// CHECK: grid_market verifies it (MeterRegistrar role of `registrar`).
    pub registrar_role: UncheckedAccount<'info>,
    /// CHECK: created by grid_market at its seeds.
    #[account(mut)]
    pub meter: UncheckedAccount<'info>,
    pub system_program: Program<'info, System>,
    pub grid_market_program: Program<'info, GridMarket>,
}

pub fn handle_register_meter(
    ctx: Context<RegisterMeter>,
    meter_id: Pubkey,
    capacity_w: u64,
    oracle: Pubkey,
) -> Result<()> {
    let a = &mut *ctx.accounts;
    a.member
        .authorize(Permission::SellEnergy, &a.attestation, &a.policy)?;
    grid_market::cpi::register_meter(
        CpiContext::new(
            a.grid_market_program.key(),
            L3RegisterMeter {
                registrar: a.registrar.to_account_info(),
                registrar_role: a.registrar_role.to_account_info(),
                meter: a.meter.to_account_info(),
                system_program: a.system_program.to_account_info(),
            },
        ),
        RegisterMeterArgs {
            meter_id,
            owner_kind: OwnerKind::Member,
            owner: a.member.key(),
            credits_to: a.wallet.key(),
            capacity_w,
            oracle,
        },
    )?;
    let m = &mut a.member.metrics;
    m.meters = m.meters.checked_add(1).ok_or(MemberError::MathOverflow)?;
    Ok(())
}
