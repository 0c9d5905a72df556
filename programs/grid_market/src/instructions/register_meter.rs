use anchor_lang::prelude::*;
use central_bank::{checks, state::RoleKind};

use crate::{errors::GridMarketError, events::RegisterMeterEvent, seeds, state::*};

/// A meter the registrar registers.
#[derive(AnchorSerialize, AnchorDeserialize, Clone, Copy)]
pub struct RegisterMeterArgs {
    /// Chosen by the registrar; the meter PDA's seed.
    pub meter_id: Pubkey,
    /// Which layer the owner is (member, household trust or community).
    pub owner_kind: OwnerKind,
    /// Earns the revenue and signs its claims.
    pub owner: Pubkey,
    /// Authority of the energy credit account that receives the credits (usually `owner`;
    /// the member program names the member's wallet while its member account owns the meter).
    pub credits_to: Pubkey,
    /// Peak output in W.
    pub capacity_w: u64,
    /// The only key whose readings count; it must hold the central bank's meter-oracle role.
    pub oracle: Pubkey,
}

/// A holder of the central bank's meter-registrar role registers a meter.
#[derive(Accounts)]
#[instruction(args: RegisterMeterArgs)]
pub struct RegisterMeter<'info> {
    #[account(mut)]
    pub registrar: Signer<'info>,
    /// CHECK: verified by `central_bank::checks::verify_role` (MeterRegistrar of `registrar`).
    pub registrar_role: UncheckedAccount<'info>,
    /// CHECK: created by `se_anchor::create_pda` (its id is chosen in advance, so
    /// pre-funding the address must not block registration).
    #[account(mut, seeds = [seeds::METER, args.meter_id.as_ref()], bump)]
    pub meter: UncheckedAccount<'info>,
    pub system_program: Program<'info, System>,
}

pub fn handle_register_meter(ctx: Context<RegisterMeter>, args: RegisterMeterArgs) -> Result<()> {
    require!(args.capacity_w > 0, GridMarketError::InvalidCapacity);
    let a = &ctx.accounts;
    checks::verify_role(
        &a.registrar_role,
        RoleKind::MeterRegistrar,
        &a.registrar.key(),
    )?;
    let meter = Meter {
        bump: ctx.bumps.meter,
        id: args.meter_id,
        owner_kind: args.owner_kind,
        owner: args.owner,
        credits_to: args.credits_to,
        capacity_w: args.capacity_w,
        oracle: args.oracle,
        registrar: a.registrar.key(),
        last_reading_wh: 0,
        last_reading_at: Clock::get()?.unix_timestamp,
        last_epoch_plus_one: 0,
    };
    meter.invariant()?;
    se_anchor::create_pda(
        &a.registrar.to_account_info(),
        &a.meter.to_account_info(),
        &a.system_program.to_account_info(),
        &[seeds::METER, args.meter_id.as_ref(), &[meter.bump]],
        8 + Meter::INIT_SPACE,
        &meter,
        &crate::ID,
        GridMarketError::MeterExists.into(),
    )?;
    emit_event!(RegisterMeterEvent {
        meter_id: args.meter_id,
        owner_kind: args.owner_kind,
        owner: args.owner,
        credits_to: args.credits_to,
        capacity_w: args.capacity_w,
        oracle: args.oracle,
    });
    Ok(())
}
