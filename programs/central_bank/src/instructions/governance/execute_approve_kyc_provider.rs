use anchor_lang::prelude::*;

use super::execute::*;
use crate::{errors::CentralBankError, events::KycProviderEvent, seeds, state::*};

#[derive(Accounts)]
#[instruction(provider: Pubkey)]
pub struct ExecuteApproveKycProvider<'info> {
    pub exec: ExecuteProposal<'info>,
    /// CHECK: created here by `se_anchor::create_pda` (its address is predictable, so
    /// pre-funding it during the timelock must not block a passed proposal).
    #[account(mut, seeds = [seeds::KYC_PROVIDER, provider.as_ref()], bump)]
    pub provider_record: UncheckedAccount<'info>,
    pub system_program: Program<'info, System>,
}

pub fn handle_execute_approve_kyc_provider(
    ctx: Context<ExecuteApproveKycProvider>,
    provider: Pubkey,
) -> Result<()> {
    let action = ctx.accounts.exec.execute()?;
    require!(
        action == GovernanceAction::ApproveKycProvider { provider },
        CentralBankError::WrongAction
    );
    let a = &ctx.accounts;
    let record = KycProvider {
        bump: ctx.bumps.provider_record,
        authority: provider,
        approved_at: Clock::get()?.unix_timestamp,
        proposal: a.exec.proposal.index,
        attestations_issued: 0,
    };
    se_anchor::create_pda(
        &a.exec.executor.to_account_info(),
        &a.provider_record,
        &a.system_program.to_account_info(),
        &[seeds::KYC_PROVIDER, provider.as_ref(), &[record.bump]],
        8 + KycProvider::INIT_SPACE,
        &record,
        &crate::ID,
        CentralBankError::KycProviderExists.into(),
    )?;
    emit_event!(KycProviderEvent {
        provider,
        approved: true,
    });
    Ok(())
}
