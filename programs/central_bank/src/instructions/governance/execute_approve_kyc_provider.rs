use anchor_lang::prelude::*;

use super::execute::*;
use crate::{errors::CentralBankError, events::KycProviderEvent, seeds, state::*};

#[derive(Accounts)]
#[instruction(provider: Pubkey)]
pub struct ExecuteApproveKycProvider<'info> {
    pub exec: ExecuteProposal<'info>,
    #[account(
        init, payer = exec.executor, space = 8 + KycProvider::INIT_SPACE,
        seeds = [seeds::KYC_PROVIDER, provider.as_ref()], bump,
    )]
    pub provider_record: Box<Account<'info, KycProvider>>,
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
    let record = &mut ctx.accounts.provider_record;
    record.bump = ctx.bumps.provider_record;
    record.authority = provider;
    record.approved_at = Clock::get()?.unix_timestamp;
    record.proposal = ctx.accounts.exec.proposal.index;
    emit_event!(KycProviderEvent {
        provider,
        approved: true,
    });
    Ok(())
}
