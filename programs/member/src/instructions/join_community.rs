//! The member chooses its community and opens its position there.
use anchor_lang::{prelude::*, Discriminator};
use community::{cpi::accounts::OpenPosition, program::Community as CommunityProgram};
use se_anchor::WithAbsentOptionals;

use crate::{errors::MemberError, events::AffiliationEvent, seeds, state::*};

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
    /// CHECK: the member account's position, created by the community program (which checks its
    /// seeds).
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
        // Its address is checked with the bump the position stores: no search.
        require!(
            se_anchor::is_stored_pda(
                &a.position,
                &community::ID,
                community::state::Position::DISCRIMINATOR,
                &[
                    community::seeds::POSITION,
                    a.community.key().as_ref(),
                    a.member.key().as_ref(),
                ],
            ),
            MemberError::WrongAffiliation
        );
    } else {
        community::cpi::open_position(
            CpiContext::new_with_signer(
                a.community_program.key(),
                OpenPosition {
                    payer: a.wallet.to_account_info(),
                    owner: a.member.to_account_info(),
                    attestation: None,
                    policy: None,
                    community: a.community.to_account_info(),
                    position: a.position.to_account_info(),
                    system_program: a.system_program.to_account_info(),
                },
                &[&a.member.seeds()],
            )
            // The member account is no wallet: the member program checked its wallet (see
            // `WithAbsentOptionals`).
            .with_absent_optionals(&a.community_program.to_account_info()),
        )?;
    }
    a.member.community = a.community.key();
    emit_event!(AffiliationEvent {
        wallet: a.wallet.key(),
        household: a.member.household,
        community: a.member.community,
    });
    Ok(())
}
