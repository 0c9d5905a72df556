use anchor_lang::prelude::*;

use super::execute::*;
use crate::{errors::CentralBankError, events::KycProviderEvent, seeds, state::*};

/// Removing a provider closes its record: it can no longer issue, renew or revoke. Attestations
/// it already issued stay valid until they expire.
#[derive(Accounts)]
pub struct ExecuteRemoveKycProvider<'info> {
    pub exec: ExecuteProposal<'info>,
    #[account(
        mut,
        seeds = [seeds::KYC_PROVIDER, provider_record.authority.as_ref()], bump = provider_record.bump,
    )]
    pub provider_record: Box<Account<'info, KycProvider>>,
}

pub fn handle_execute_remove_kyc_provider(ctx: Context<ExecuteRemoveKycProvider>) -> Result<()> {
    let provider = ctx.accounts.provider_record.authority;
    let action = ctx.accounts.exec.execute()?;
    require!(
        action == GovernanceAction::RemoveKycProvider { provider },
        CentralBankError::WrongAction
    );
    ctx.accounts
        .provider_record
        .close(ctx.accounts.exec.executor.to_account_info())?;
    emit_event!(KycProviderEvent {
        provider,
        approved: false,
    });
    Ok(())
}
