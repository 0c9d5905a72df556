use anchor_lang::prelude::*;

use super::community_move::*;
use crate::{events::MoveKind, state::*};

/// Invest `amount` from the wallet in the member's community (shares held by the member account).
pub fn handle_invest(ctx: Context<CommunityMove>, amount: u64) -> Result<()> {
    let a = &mut *ctx.accounts;
    a.auth.authorize(Permission::Invest)?;
    a.check_community()?;
    let m = &a.auth.member;
    community::cpi::deposit(
        CpiContext::new_with_signer(
            a.community.community_program.key(),
            community::cpi::accounts::DepositToPosition {
                owner: m.to_account_info(),
                funder: a.auth.wallet.to_account_info(),
                attestation: Some(a.auth.attestation.to_account_info()),
                policy: a.auth.policy.to_account_info(),
                community: a.community.community.to_account_info(),
                position: a.community.position.to_account_info(),
                currency_mint: a.auth.currency_mint.to_account_info(),
                vault: a.community.community_vault.to_account_info(),
                source: a.auth.wallet_currency.to_account_info(),
                token_program: a.auth.token_program.to_account_info(),
            },
            &[&m.seeds()],
        ),
        amount,
    )?;
    a.auth.record(MoveKind::Invest, amount)
}
