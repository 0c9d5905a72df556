//! The member account: created from an L1 attestation, permissions set by the KYC provider,
//! affiliations chosen by the member.
use anchor_lang::prelude::*;
use central_bank::{checks, state::Attestation};
use community::{cpi::accounts::OpenPosition, program::Community as CommunityProgram};
use household::state::Household;

use crate::{
    errors::MemberError,
    events::{AffiliationEvent, MemberCreatedEvent, PermissionsEvent},
    seeds,
    state::*,
};

/// A wallet with a valid L1 attestation creates its member account, with every permission.
#[derive(Accounts)]
pub struct CreateMember<'info> {
    #[account(mut)]
    pub wallet: Signer<'info>,
    /// CHECK: verified by `central_bank::checks::verify_attestation`.
    pub attestation: UncheckedAccount<'info>,
    /// CHECK: created by `se_anchor::create_pda` (its address is predictable, so
    /// pre-funding it must not block the member).
    #[account(mut, seeds = [seeds::MEMBER, wallet.key().as_ref()], bump)]
    pub member: UncheckedAccount<'info>,
    pub system_program: Program<'info, System>,
}

pub fn handle_create_member(ctx: Context<CreateMember>) -> Result<()> {
    let a = &ctx.accounts;
    let now = Clock::get()?.unix_timestamp;
    let attestation = checks::verify_attestation(&a.attestation, &a.wallet.key(), 0, now)?;
    let member = Member {
        bump: ctx.bumps.member,
        wallet: a.wallet.key(),
        identity_hash: attestation.identity_hash,
        permissions: Permission::ALL,
        household: Pubkey::default(),
        community: Pubkey::default(),
        metrics: Metrics::default(),
        created_at: now,
    };
    se_anchor::create_pda(
        &a.wallet.to_account_info(),
        &a.member.to_account_info(),
        &a.system_program.to_account_info(),
        &member.seeds(),
        8 + Member::INIT_SPACE,
        &member,
        &crate::ID,
        MemberError::MemberExists.into(),
    )?;
    emit_event!(MemberCreatedEvent {
        wallet: member.wallet,
        identity_hash: member.identity_hash,
    });
    Ok(())
}

/// The KYC provider that attested the member's wallet sets its permissions, while L1 still
/// lists it as approved.
#[derive(Accounts)]
pub struct SetPermissions<'info> {
    pub provider: Signer<'info>,
    /// CHECK: the provider's L1 record, verified by `central_bank::checks::verify_kyc_provider`
    /// (owner, discriminator, authority, seeds); a provider governance removed has none.
    pub provider_record: UncheckedAccount<'info>,
    #[account(mut, seeds = [seeds::MEMBER, member.wallet.as_ref()], bump = member.bump)]
    pub member: Box<Account<'info, Member>>,
    #[account(
        seeds = [central_bank::seeds::ATTESTATION, member.wallet.as_ref()], bump = attestation.bump,
        seeds::program = central_bank::ID,
        constraint = attestation.provider == provider.key() @ MemberError::NotProvider,
    )]
    pub attestation: Box<Account<'info, Attestation>>,
}

pub fn handle_set_permissions(ctx: Context<SetPermissions>, permissions: u8) -> Result<()> {
    checks::verify_kyc_provider(&ctx.accounts.provider_record, &ctx.accounts.provider.key())?;
    require!(
        permissions & !Permission::ALL == 0,
        MemberError::InvalidPermissions
    );
    let m = &mut ctx.accounts.member;
    m.permissions = permissions;
    emit_event!(PermissionsEvent {
        wallet: m.wallet,
        provider: ctx.accounts.provider.key(),
        permissions,
    });
    Ok(())
}

/// The member joins a household whose trustees list its wallet.
#[derive(Accounts)]
pub struct JoinHousehold<'info> {
    pub wallet: Signer<'info>,
    #[account(mut, seeds = [seeds::MEMBER, wallet.key().as_ref()], bump = member.bump, has_one = wallet)]
    pub member: Box<Account<'info, Member>>,
    pub household: Box<Account<'info, Household>>,
}

pub fn handle_join_household(ctx: Context<JoinHousehold>) -> Result<()> {
    let a = &mut *ctx.accounts;
    require!(
        a.member.household == Pubkey::default(),
        MemberError::AlreadyAffiliated
    );
    require!(
        a.household
            .members()
            .iter()
            .any(|l| l.wallet == a.wallet.key()),
        MemberError::NotInHousehold
    );
    a.member.household = a.household.key();
    emit_event!(AffiliationEvent {
        wallet: a.wallet.key(),
        household: a.member.household,
        community: a.member.community,
    });
    Ok(())
}

/// The member joins a community directly: its member account opens a position there (signing
/// by CPI; the wallet pays the rent), or finds the one it left there earlier.
#[derive(Accounts)]
pub struct JoinCommunity<'info> {
    #[account(mut)]
    pub wallet: Signer<'info>,
    #[account(mut, seeds = [seeds::MEMBER, wallet.key().as_ref()], bump = member.bump, has_one = wallet)]
    pub member: Box<Account<'info, Member>>,
    #[account(mut)]
    pub community: Box<Account<'info, community::state::Community>>,
    /// CHECK: the member account's position, created by L4 (which checks its seeds).
    #[account(mut)]
    pub position: UncheckedAccount<'info>,
    pub community_program: Program<'info, CommunityProgram>,
    pub system_program: Program<'info, System>,
}

pub fn handle_join_community(ctx: Context<JoinCommunity>) -> Result<()> {
    let a = &mut *ctx.accounts;
    require!(
        a.member.community == Pubkey::default(),
        MemberError::AlreadyAffiliated
    );
    if a.position.owner == &community::ID {
        // Back in a community it left: its (empty) position is still there.
        let (expected, _) = Pubkey::find_program_address(
            &[
                community::seeds::POSITION,
                a.community.key().as_ref(),
                a.member.key().as_ref(),
            ],
            &community::ID,
        );
        require_keys_eq!(a.position.key(), expected, MemberError::WrongAffiliation);
    } else {
        community::cpi::open_position(CpiContext::new_with_signer(
            a.community_program.key(),
            OpenPosition {
                payer: a.wallet.to_account_info(),
                owner: a.member.to_account_info(),
                community: a.community.to_account_info(),
                position: a.position.to_account_info(),
                system_program: a.system_program.to_account_info(),
            },
            &[&a.member.seeds()],
        ))?;
    }
    a.member.community = a.community.key();
    emit_event!(AffiliationEvent {
        wallet: a.wallet.key(),
        household: a.member.household,
        community: a.member.community,
    });
    Ok(())
}
