//! Council proposals: propose → approve → timelock → execute, and every way that must fail.

use anchor_lang::prelude::Pubkey;
use anchor_lang::solana_program::system_instruction;
use central_bank::{
    errors::CentralBankError as E,
    state::{
        Governance, GovernanceAction, KycProvider, Policy, Proposal, ProposalStatus, Role,
        RoleKind, PROPOSAL_LIFETIME_SECS,
    },
};
use solana_sdk::signer::Signer;
use solana_sdk::transaction::TransactionError;
use sourceenergy_sdk::pda;
use sourceenergy_tests::*;

#[tokio::test]
async fn initialize_sets_council_policy_and_currency() {
    let f = &mut Fixture::new().await;
    f.initialize().await;
    let g: Governance = f.account(pda::governance()).await;
    assert_eq!(g.members(), f.initialize_args().council.as_slice());
    assert_eq!(
        (g.threshold, g.timelock_secs, g.council_version),
        (2, TIMELOCK_SECS, 1)
    );
    let p: Policy = f.account(pda::policy()).await;
    assert_eq!((p.params, p.version), (default_policy(), 1));
    assert_eq!(f.supply(pda::currency_mint()).await, 0);
}

#[tokio::test]
async fn reinitialization_fails_and_changes_nothing() {
    let f = &mut Fixture::bootstrap().await;
    let before: Governance = f.account(pda::governance()).await;
    let mut args = f.initialize_args();
    args.council = vec![f.payer()];
    args.threshold = 1;
    let ix = f.bank.initialize(f.payer(), f.payer(), args);
    // Anchor's `init` asks the system program to create an account that already exists. The
    // system program's error differs by runtime version (AccountAlreadyInUse on clusters that
    // know CreateAccountAllowPrefund, InvalidInstructionData here), so pin the failing
    // instruction and the unchanged state rather than the variant.
    match f.send(&[ix], &[]).await.unwrap_err() {
        TransactionError::InstructionError(1, _) => {}
        other => panic!("unexpected {other:?}"),
    }
    let after: Governance = f.account(pda::governance()).await;
    assert_eq!(after.members(), before.members());
    assert_eq!(after.threshold, 2);
}

#[tokio::test]
async fn initialize_rejects_invalid_council_and_policy() {
    let f = &mut Fixture::new().await;
    let mut args = f.initialize_args();
    args.threshold = 4;
    let res = f
        .send(&[f.bank.initialize(f.payer(), f.payer(), args)], &[])
        .await;
    assert_error(res, E::InvalidThreshold);

    let mut args = f.initialize_args();
    args.council.push(args.council[0]);
    let res = f
        .send(&[f.bank.initialize(f.payer(), f.payer(), args)], &[])
        .await;
    assert_error(res, E::InvalidCouncil);

    let mut args = f.initialize_args();
    args.policy.reserve_tin_bps = 1_001;
    let res = f
        .send(&[f.bank.initialize(f.payer(), f.payer(), args)], &[])
        .await;
    assert_error(res, E::FeeOutOfBounds);
    assert!(f.raw_account(pda::governance()).await.is_none());
}

#[tokio::test]
async fn set_policy_updates_every_field() {
    let f = &mut Fixture::bootstrap().await;
    let mut params = default_policy();
    params.savings_rate_bps = 800;
    params.marketplace_fee_bps = 50;
    params.price_floor = 60_000;
    params.emission_factor_g_per_kwh = 350;
    params.min_kyc_level = [3; 8];
    params.marketplace_paused = true;
    f.enact(GovernanceAction::SetPolicy { params }).await;
    let p: Policy = f.account(pda::policy()).await;
    assert_eq!((p.params, p.version), (params, 2));
    // The SDK's typed reader sees the same policy lower layers will read.
    let raw = f.raw_account(pda::policy()).await.unwrap();
    assert_eq!(sourceenergy_sdk::read::policy(&raw.data), Some(params));
    let proposal: Proposal = f.account(pda::proposal(1)).await;
    assert_eq!(proposal.status, ProposalStatus::Executed);
    assert_eq!(proposal.approvals, 2);
    // An executed proposal cannot run again.
    let m0 = f.council[0].insecure_clone();
    let ix = f.bank.execute_set_policy(m0.pubkey(), 1);
    assert_error(f.send(&[ix], &[&m0]).await, E::ProposalNotActive);
}

#[tokio::test]
async fn out_of_bounds_policy_is_rejected_at_proposal() {
    let f = &mut Fixture::bootstrap().await;
    let m0 = f.council[0].insecure_clone();
    type Mutation = fn(&mut central_bank::state::PolicyParams);
    let cases: Vec<(Mutation, E)> = vec![
        (|p| p.marketplace_fee_bps = 1_001, E::FeeOutOfBounds),
        (|p| p.reserve_tout_bps = 5_000, E::FeeOutOfBounds),
        (|p| p.savings_rate_bps = 2_001, E::FeeOutOfBounds),
        (|p| p.price_floor = p.price_ceiling + 1, E::InvalidPriceBand),
        (|p| p.price_floor = 0, E::InvalidPriceBand),
        (|p| p.grid_price_weight_bps = 10_001, E::WeightOutOfBounds),
        (
            |p| p.emission_factor_g_per_kwh = 2_001,
            E::InvalidEmissionFactor,
        ),
        (|p| p.min_grid_price_feeds = 0, E::InvalidGridFeeds),
        (|p| p.min_grid_price_feeds = 9, E::InvalidGridFeeds),
        (
            |p| p.aml_single_trade_limit = p.aml_daily_volume_limit + 1,
            E::InvalidAmlLimits,
        ),
        (|p| p.min_kyc_level[3] = 0, E::InvalidKycLevel),
        (|p| p.min_kyc_level[0] = 4, E::InvalidKycLevel),
        (|p| p.epoch_length_secs = 59, E::InvalidDuration),
        (
            |p| p.claim_expiry_secs = p.epoch_length_secs - 1,
            E::InvalidDuration,
        ),
    ];
    for (mutate, err) in cases {
        let mut params = default_policy();
        mutate(&mut params);
        let index = f.next_proposal().await;
        let ix = f
            .bank
            .propose(m0.pubkey(), index, GovernanceAction::SetPolicy { params });
        assert_error(f.send(&[ix], &[&m0]).await, err);
    }
    assert_eq!(f.next_proposal().await, 1, "no proposal was created");
}

#[tokio::test]
async fn issuance_cap_cannot_drop_below_issued() {
    let f = &mut Fixture::bootstrap().await;
    let holder = f.actor().await;
    let recipient = f.currency_ata(&holder.pubkey()).await;
    f.enact(GovernanceAction::IssueCurrency {
        recipient,
        amount: 500 * UNIT,
    })
    .await;
    let mut params = default_policy();
    params.issuance_cap = 499 * UNIT;
    let res = f.try_enact(GovernanceAction::SetPolicy { params }).await;
    assert_error(res, E::IssuanceCapBelowIssued);
    let p: Policy = f.account(pda::policy()).await;
    assert_eq!(p.params.issuance_cap, default_policy().issuance_cap);
}

#[tokio::test]
async fn non_council_member_cannot_propose_approve_execute_or_cancel() {
    let f = &mut Fixture::bootstrap().await;
    let outsider = f.actor().await;
    let action = GovernanceAction::GrantRole {
        role: RoleKind::MeterOracle,
        subject: outsider.pubkey(),
    };
    let ix = f.bank.propose(outsider.pubkey(), 1, action.clone());
    assert_error(f.send(&[ix], &[&outsider]).await, E::NotCouncilMember);

    let index = f.pass(action.clone()).await;
    let ix = f.bank.approve(outsider.pubkey(), index);
    assert_error(f.send(&[ix], &[&outsider]).await, E::NotCouncilMember);
    let ix = f.bank.cancel(outsider.pubkey(), index);
    assert_error(f.send(&[ix], &[&outsider]).await, E::NotCouncilMember);
    let ix = f.bank.execute_grant_role(
        outsider.pubkey(),
        index,
        RoleKind::MeterOracle,
        outsider.pubkey(),
    );
    assert_error(f.send(&[ix], &[&outsider]).await, E::NotCouncilMember);
    assert!(f
        .raw_account(pda::role(RoleKind::MeterOracle, &outsider.pubkey()))
        .await
        .is_none());
}

#[tokio::test]
async fn unsigned_council_member_is_rejected() {
    let f = &mut Fixture::bootstrap().await;
    let index = f.next_proposal().await;
    let m0 = f.council[0].pubkey();
    let mut ix = f.bank.propose(
        m0,
        index,
        GovernanceAction::RemoveKycProvider {
            provider: f.provider.pubkey(),
        },
    );
    // The proposer is also the rent payer; strip its signature and let the fixture payer sign.
    ix.accounts[0].is_signer = false;
    assert_error(f.send(&[ix], &[]).await, AnchorError::AccountNotSigner);
}

#[tokio::test]
async fn double_approval_is_rejected() {
    let f = &mut Fixture::bootstrap().await;
    let m0 = f.council[0].insecure_clone();
    let index = f.next_proposal().await;
    let action = GovernanceAction::RemoveKycProvider {
        provider: f.provider.pubkey(),
    };
    assert_success(
        f.send(&[f.bank.propose(m0.pubkey(), index, action)], &[&m0])
            .await,
    );
    let res = f.send(&[f.bank.approve(m0.pubkey(), index)], &[&m0]).await;
    assert_error(res, E::AlreadyApproved);
    let p: Proposal = f.account(pda::proposal(index)).await;
    assert_eq!(p.approvals, 1);
}

#[tokio::test]
async fn threshold_not_met_then_timelock_not_elapsed_then_executes() {
    let f = &mut Fixture::bootstrap().await;
    let (m0, m1) = (f.council[0].insecure_clone(), f.council[1].insecure_clone());
    let index = f.next_proposal().await;
    let subject = Pubkey::new_unique();
    let action = GovernanceAction::GrantRole {
        role: RoleKind::GridOfftaker,
        subject,
    };
    assert_success(
        f.send(
            &[f.bank.propose(m0.pubkey(), index, action.clone())],
            &[&m0],
        )
        .await,
    );
    let exec = f.execute_ix(index, &action);
    assert_error(f.send(&[exec.clone()], &[&m0]).await, E::ThresholdNotMet);

    assert_success(f.send(&[f.bank.approve(m1.pubkey(), index)], &[&m1]).await);
    f.warp(TIMELOCK_SECS as i64 - 1).await;
    assert_error(f.send(&[exec.clone()], &[&m0]).await, E::TimelockNotElapsed);

    f.warp(1).await;
    assert_success(f.send(&[exec], &[&m0]).await);
    let role: Role = f.account(pda::role(RoleKind::GridOfftaker, &subject)).await;
    assert_eq!(
        (role.role, role.subject, role.proposal),
        (RoleKind::GridOfftaker, subject, index)
    );
}

#[tokio::test]
async fn prefunding_the_next_proposal_address_does_not_block_governance() {
    let f = &mut Fixture::bootstrap().await;
    let index = f.next_proposal().await;
    let ix = system_instruction::transfer(&f.payer(), &pda::proposal(index), 1_000_000);
    assert_success(f.send(&[ix], &[]).await);
    let subject = Pubkey::new_unique();
    f.enact(GovernanceAction::GrantRole {
        role: RoleKind::MeterOracle,
        subject,
    })
    .await;
    let p: Proposal = f.account(pda::proposal(index)).await;
    assert_eq!(p.status, ProposalStatus::Executed);
}

#[tokio::test]
async fn council_change_makes_pending_proposals_stale() {
    let f = &mut Fixture::bootstrap().await;
    let (m0, m1) = (f.council[0].insecure_clone(), f.council[1].insecure_clone());
    // A pending proposal, approved but not executed.
    let pending_action = GovernanceAction::GrantRole {
        role: RoleKind::MeterRegistrar,
        subject: m1.pubkey(),
    };
    let pending = f.pass(pending_action.clone()).await;

    let newcomer = f.actor().await;
    let members = vec![m0.pubkey(), m1.pubkey(), newcomer.pubkey()];
    f.enact(GovernanceAction::UpdateCouncil {
        members: members.clone(),
        threshold: 3,
        timelock_secs: 60,
    })
    .await;
    let g: Governance = f.account(pda::governance()).await;
    assert_eq!(
        (g.members(), g.threshold, g.timelock_secs, g.council_version),
        (members.as_slice(), 3, 60, 2)
    );

    let exec = f.execute_ix(pending, &pending_action);
    assert_error(f.send(&[exec], &[&m0]).await, E::StaleProposal);
    let res = f
        .send(&[f.bank.approve(newcomer.pubkey(), pending)], &[&newcomer])
        .await;
    assert_error(res, E::StaleProposal);
    // Any current member may clear a stale proposal, not only its proposer.
    assert_success(
        f.send(&[f.bank.cancel(newcomer.pubkey(), pending)], &[&newcomer])
            .await,
    );
    let p: Proposal = f.account(pda::proposal(pending)).await;
    assert_eq!(p.status, ProposalStatus::Cancelled);
}

#[tokio::test]
async fn the_proposer_cancels_alone_and_the_council_by_threshold() {
    let f = &mut Fixture::bootstrap().await;
    let (m0, m1, m2) = (
        f.council[0].insecure_clone(),
        f.council[1].insecure_clone(),
        f.council[2].insecure_clone(),
    );
    let remove = GovernanceAction::RemoveKycProvider {
        provider: f.provider.pubkey(),
    };
    // The proposer withdraws its own proposal at once.
    let index = f.pass(remove.clone()).await;
    assert_success(f.send(&[f.bank.cancel(m0.pubkey(), index)], &[&m0]).await);
    let p: Proposal = f.account(pda::proposal(index)).await;
    assert_eq!(p.status, ProposalStatus::Cancelled);

    // Another member's cancel is a vote; the threshold (2) of votes cancels.
    let index = f.pass(remove.clone()).await;
    assert_success(f.send(&[f.bank.cancel(m1.pubkey(), index)], &[&m1]).await);
    let p: Proposal = f.account(pda::proposal(index)).await;
    assert_eq!((p.status, p.cancellations), (ProposalStatus::Active, 1));
    assert_success(f.send(&[f.bank.cancel(m2.pubkey(), index)], &[&m2]).await);
    let p: Proposal = f.account(pda::proposal(index)).await;
    assert_eq!((p.status, p.cancellations), (ProposalStatus::Cancelled, 2));
    let exec = f
        .bank
        .execute_remove_kyc_provider(m0.pubkey(), index, f.provider.pubkey());
    assert_error(f.send(&[exec], &[&m0]).await, E::ProposalNotActive);
    let provider: KycProvider = f.account(pda::kyc_provider(&f.provider.pubkey())).await;
    assert_eq!(provider.authority, f.provider.pubkey());
}

#[tokio::test]
async fn already_voted_to_cancel_is_rejected() {
    let f = &mut Fixture::bootstrap().await;
    let m1 = f.council[1].insecure_clone();
    let index = f
        .pass(GovernanceAction::RemoveKycProvider {
            provider: f.provider.pubkey(),
        })
        .await;
    assert_success(f.send(&[f.bank.cancel(m1.pubkey(), index)], &[&m1]).await);
    let res = f.send(&[f.bank.cancel(m1.pubkey(), index)], &[&m1]).await;
    assert_error(res, E::AlreadyVotedToCancel);
    let p: Proposal = f.account(pda::proposal(index)).await;
    assert_eq!((p.status, p.cancellations), (ProposalStatus::Active, 1));
    // One member's vote alone does not block the council: the proposal still executes.
    let exec =
        f.bank
            .execute_remove_kyc_provider(f.council[0].pubkey(), index, f.provider.pubkey());
    let m0 = f.council[0].insecure_clone();
    assert_success(f.send(&[exec], &[&m0]).await);
}

#[tokio::test]
async fn proposal_expired_cannot_be_approved_or_executed() {
    let f = &mut Fixture::bootstrap().await;
    let (m0, m1, m2) = (
        f.council[0].insecure_clone(),
        f.council[1].insecure_clone(),
        f.council[2].insecure_clone(),
    );
    let subject = Pubkey::new_unique();
    let action = GovernanceAction::GrantRole {
        role: RoleKind::MeterOracle,
        subject,
    };
    let index = f.pass(action.clone()).await;
    let p: Proposal = f.account(pda::proposal(index)).await;
    assert_eq!(
        p.expires_at,
        p.created_at + TIMELOCK_SECS as i64 + PROPOSAL_LIFETIME_SECS
    );
    // `pass` waited out the timelock; wait out the rest of the lifetime.
    let now = f.now().await;
    f.warp(p.expires_at - now).await;
    let exec = f.execute_ix(index, &action);
    assert_error(f.send(&[exec], &[&m0]).await, E::ProposalExpired);
    let res = f.send(&[f.bank.approve(m2.pubkey(), index)], &[&m2]).await;
    assert_error(res, E::ProposalExpired);
    assert!(f
        .raw_account(pda::role(RoleKind::MeterOracle, &subject))
        .await
        .is_none());
    let p: Proposal = f.account(pda::proposal(index)).await;
    assert_eq!((p.status, p.approvals), (ProposalStatus::Active, 2));
    // Any member may clear a dead proposal at once, without a vote.
    assert_success(f.send(&[f.bank.cancel(m1.pubkey(), index)], &[&m1]).await);
    let p: Proposal = f.account(pda::proposal(index)).await;
    assert_eq!(p.status, ProposalStatus::Cancelled);
}

#[tokio::test]
async fn policy_changed_since_proposal_blocks_an_old_set_policy() {
    let f = &mut Fixture::bootstrap().await;
    let m0 = f.council[0].insecure_clone();
    // An old proposal (higher fee), approved but left pending.
    let mut old = default_policy();
    old.marketplace_fee_bps = 100;
    let old_action = GovernanceAction::SetPolicy { params: old };
    let stale = f.pass(old_action.clone()).await;
    let p: Proposal = f.account(pda::proposal(stale)).await;
    assert_eq!(p.policy_version, 1);
    // A newer change is executed first.
    let mut newer = default_policy();
    newer.savings_rate_bps = 700;
    f.enact(GovernanceAction::SetPolicy { params: newer }).await;
    // The old proposal would silently revert it; it fails instead.
    let exec = f.execute_ix(stale, &old_action);
    assert_error(f.send(&[exec], &[&m0]).await, E::PolicyChangedSinceProposal);
    let policy: Policy = f.account(pda::policy()).await;
    assert_eq!((policy.params, policy.version), (newer, 2));
    let p: Proposal = f.account(pda::proposal(stale)).await;
    assert_eq!(p.status, ProposalStatus::Active);
}

#[tokio::test]
async fn execute_instruction_must_match_the_action() {
    let f = &mut Fixture::bootstrap().await;
    let m0 = f.council[0].insecure_clone();
    let subject = Pubkey::new_unique();
    let index = f
        .pass(GovernanceAction::GrantRole {
            role: RoleKind::MeterOracle,
            subject,
        })
        .await;
    // Same proposal through another action's execute instruction.
    let ix = f.bank.execute_update_council(m0.pubkey(), index);
    assert_error(f.send(&[ix], &[&m0]).await, E::WrongAction);
    // Right instruction, but a different role than the one approved.
    let ix = f
        .bank
        .execute_grant_role(m0.pubkey(), index, RoleKind::GridOfftaker, subject);
    assert_error(f.send(&[ix], &[&m0]).await, E::WrongAction);
    assert!(f
        .raw_account(pda::role(RoleKind::GridOfftaker, &subject))
        .await
        .is_none());
    let p: Proposal = f.account(pda::proposal(index)).await;
    assert_eq!(p.status, ProposalStatus::Active);
}

#[tokio::test]
async fn type_cosplay_proposal_as_governance_is_rejected() {
    let f = &mut Fixture::bootstrap().await;
    let m0 = f.council[0].insecure_clone();
    let index = f
        .pass(GovernanceAction::RemoveKycProvider {
            provider: f.provider.pubkey(),
        })
        .await;
    let mut ix = f.bank.approve(m0.pubkey(), index);
    ix.accounts[1].pubkey = pda::proposal(0); // a Proposal where the Governance account belongs
    assert_error(
        f.send(&[ix], &[&m0]).await,
        AnchorError::AccountDiscriminatorMismatch,
    );
}

#[tokio::test]
async fn provider_approval_and_removal() {
    let f = &mut Fixture::bootstrap().await;
    let second = f.actor().await;
    f.enact(GovernanceAction::ApproveKycProvider {
        provider: second.pubkey(),
    })
    .await;
    let record: KycProvider = f.account(pda::kyc_provider(&second.pubkey())).await;
    assert_eq!(record.authority, second.pubkey());

    f.enact(GovernanceAction::RemoveKycProvider {
        provider: second.pubkey(),
    })
    .await;
    assert!(f
        .raw_account(pda::kyc_provider(&second.pubkey()))
        .await
        .is_none());
    // A removed provider can no longer attest.
    let terms = f.terms(1).await;
    let identity = f.new_identity();
    let ix = f
        .bank
        .issue_attestation(second.pubkey(), Pubkey::new_unique(), terms, identity);
    assert_error(
        f.send(&[ix], &[&second]).await,
        AnchorError::AccountNotInitialized,
    );
}
