use anchor_lang::prelude::*;
use anchor_spl::{
    token_2022::Token2022,
    token_interface::{self, Mint, MintTo, TokenAccount},
};
use central_bank::{
    checks,
    state::{ActionClass, RoleKind},
};

use crate::{
    errors::{GridMarketError, MathExt},
    events::ReadingEvent,
    seeds,
    state::*,
};

/// The meter's oracle reports its cumulative Wh. The new energy is credited to the owner's
/// contribution in the current epoch and minted to the owner as energy credits, once. It must
/// fit the meter's capacity both over the time since its last reading and over its time inside
/// this epoch (see `Meter::accept`), so energy cannot be moved into a better-priced epoch.
/// A member's meter (`OwnerKind::Member`) credits a person's wallet, which must hold a valid
/// attestation (the policy's `EnergySale` level), however the reading arrives: through the
/// member program, which checks it too, or straight from the oracle.
#[derive(Accounts)]
pub struct SubmitReading<'info> {
    /// Pays for the owner's contributor record on its first reading.
    #[account(mut)]
    pub oracle: Signer<'info>,
    /// CHECK: verified by `central_bank::checks::verify_role` (MeterOracle of `oracle`).
    pub oracle_role: UncheckedAccount<'info>,
    /// CHECK: verified by `central_bank::checks::load_policy` (the `EnergySale` KYC level).
    pub policy: UncheckedAccount<'info>,
    /// CHECK: for a member's meter, the attestation of the wallet its credits go to
    /// (`meter.credits_to`), verified by `central_bank::checks::verify_attestation`; `None` for
    /// a trust's or community's meter.
    pub attestation: Option<UncheckedAccount<'info>>,
    #[account(mut, seeds = [seeds::MARKET], bump = market.bump, has_one = energy_credit_mint)]
    pub market: Box<Account<'info, Market>>,
    #[account(
        mut, seeds = [seeds::METER, meter.id.as_ref()], bump = meter.bump,
        has_one = oracle @ GridMarketError::WrongOracle,
    )]
    pub meter: Box<Account<'info, Meter>>,
    #[account(mut, seeds = [seeds::EPOCH, &epoch.index.to_le_bytes()], bump = epoch.bump)]
    pub epoch: Box<Account<'info, Epoch>>,
    /// CHECK: the owner's `Contributor` record, created here on its first reading.
    #[account(
        mut, seeds = [seeds::CONTRIBUTOR, meter.owner.as_ref()],
        bump = se_anchor::stored_bump(
            &contributor, &[seeds::CONTRIBUTOR, meter.owner.as_ref()], &crate::ID,
        ),
    )]
    pub contributor: UncheckedAccount<'info>,
    #[account(mut)]
    pub energy_credit_mint: Box<InterfaceAccount<'info, Mint>>,
    #[account(mut, token::mint = energy_credit_mint, token::authority = meter.credits_to)]
    pub owner_credits: Box<InterfaceAccount<'info, TokenAccount>>,
    pub token_program: Program<'info, Token2022>,
    pub system_program: Program<'info, System>,
}

pub fn handle_submit_reading(ctx: Context<SubmitReading>, cumulative_wh: u64) -> Result<()> {
    let a = &mut *ctx.accounts;
    let now = Clock::get()?.unix_timestamp;
    checks::verify_role(&a.oracle_role, RoleKind::MeterOracle, &a.oracle.key())?;
    require!(
        a.epoch.status == EpochStatus::Open && now < a.epoch.end,
        GridMarketError::EpochClosed
    );
    require!(
        a.epoch.index == a.market.epoch_at(now),
        GridMarketError::WrongEpoch
    );
    if a.meter.owner_kind == OwnerKind::Member {
        let attestation = a
            .attestation
            .as_ref()
            .ok_or(GridMarketError::AttestationRequired)?;
        let level = checks::load_policy(&a.policy)?
            .params
            .min_level(ActionClass::EnergySale);
        checks::verify_attestation(attestation, &a.meter.credits_to, level, now)?;
    }
    let index = a.epoch.index;
    let delta = a.meter.accept(cumulative_wh, now, index, a.epoch.start)?;
    a.meter.invariant()?;

    a.epoch.total_wh = se_math::checked_add(a.epoch.total_wh, delta).math()?;
    a.epoch.readings += 1;
    credit_contributor(a, index, delta)?;

    let market_seeds = [seeds::MARKET, std::slice::from_ref(&a.market.bump)];
    token_interface::mint_to(
        CpiContext::new_with_signer(
            a.token_program.key(),
            MintTo {
                mint: a.energy_credit_mint.to_account_info(),
                to: a.owner_credits.to_account_info(),
                authority: a.market.to_account_info(),
            },
            &[&market_seeds],
        ),
        delta,
    )?;
    a.market.credited_wh = se_math::checked_add(a.market.credited_wh, delta).math()?;
    emit_event!(ReadingEvent {
        meter_id: a.meter.id,
        epoch: index,
        cumulative_wh,
        delta_wh: delta,
    });
    a.epoch.invariant()
}

/// Adds `wh` in `epoch` to the meter owner's contributor record, creating it the first time.
fn credit_contributor(a: &SubmitReading, epoch: u64, wh: u64) -> Result<()> {
    let info = a.contributor.to_account_info();
    if info.owner == &crate::ID {
        let mut record = {
            let data = info.try_borrow_data()?;
            Contributor::try_deserialize(&mut &data[..])?
        };
        record.add(epoch, wh)?;
        record.invariant()?;
        let mut data = info.try_borrow_mut_data()?;
        let mut writer: &mut [u8] = &mut data;
        return record.try_serialize(&mut writer);
    }
    // The constraint checked the address with this same (found) bump.
    let bump = se_anchor::stored_bump(
        &info,
        &[seeds::CONTRIBUTOR, a.meter.owner.as_ref()],
        &crate::ID,
    );
    let mut record = Contributor {
        bump,
        owner: a.meter.owner,
        open: Default::default(),
        lifetime_wh: 0,
    };
    record.add(epoch, wh)?;
    record.invariant()?;
    se_anchor::create_pda(
        &a.oracle.to_account_info(),
        &info,
        &a.system_program.to_account_info(),
        &[seeds::CONTRIBUTOR, a.meter.owner.as_ref(), &[bump]],
        8 + Contributor::INIT_SPACE,
        &record,
        &crate::ID,
        GridMarketError::ContributorExists.into(),
    )
}
