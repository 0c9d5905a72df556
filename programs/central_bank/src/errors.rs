use anchor_lang::prelude::*;

#[error_code]
pub enum CentralBankError {
    #[msg("Arithmetic overflow or division by zero")]
    MathOverflow,
    #[msg("Council must have 1 to 10 distinct members")]
    InvalidCouncil,
    #[msg("Threshold must be between 1 and the council size")]
    InvalidThreshold,
    #[msg("Timelock is out of bounds")]
    InvalidTimelock,
    #[msg("Signer is not a council member")]
    NotCouncilMember,
    #[msg("This council member already approved the proposal")]
    AlreadyApproved,
    #[msg("A proposal with this index already exists")]
    ProposalExists,
    #[msg("Proposal is not active")]
    ProposalNotActive,
    #[msg("Proposal was made under a previous council and is stale")]
    StaleProposal,
    #[msg("Proposal does not have enough approvals")]
    ThresholdNotMet,
    #[msg("Proposal timelock has not elapsed")]
    TimelockNotElapsed,
    #[msg("Proposal action does not match this execute instruction")]
    WrongAction,
    /// No longer raised (cancellation is by council vote); kept so later error codes stay put.
    #[msg("Only the proposer may cancel an active proposal that is not stale")]
    NotProposer,
    #[msg("A fee or rate is above its bound")]
    FeeOutOfBounds,
    #[msg("Price floor must be positive and not above the ceiling")]
    InvalidPriceBand,
    #[msg("Weight is above 10,000 bps")]
    WeightOutOfBounds,
    #[msg("KYC level must be between 1 and the maximum level")]
    InvalidKycLevel,
    #[msg("Epoch length or claim expiry is out of bounds")]
    InvalidDuration,
    #[msg("Minimum grid-price feeds must be between 1 and 8")]
    InvalidGridFeeds,
    #[msg("Emission factor is out of bounds")]
    InvalidEmissionFactor,
    #[msg("AML limits must be positive and the single-trade limit not above the daily limit")]
    InvalidAmlLimits,
    #[msg("Issuance cap is below the currency already issued")]
    IssuanceCapBelowIssued,
    #[msg("Issuance would exceed the policy cap")]
    IssuanceCapExceeded,
    #[msg("Amount must be greater than zero")]
    ZeroAmount,
    #[msg("Output is below the caller's minimum")]
    SlippageExceeded,
    #[msg("Redemption exceeds the collateral held by the reserve")]
    InsufficientCollateral,
    #[msg("Collateral mint must have 6 decimals, like the currency")]
    CollateralDecimalsMismatch,
    #[msg("Currency supply does not match backing plus issuance")]
    SupplyInvariantViolated,
    #[msg("Savings position holds fewer shares than required")]
    InsufficientShares,
    #[msg("Savings position still holds shares")]
    PositionNotEmpty,
    #[msg("Attestation level is below the level this action requires")]
    KycLevelTooLow,
    #[msg("Attestation has expired")]
    AttestationExpired,
    #[msg("Attestation has been revoked")]
    AttestationRevoked,
    #[msg("Attestation does not belong to this wallet")]
    AttestationWalletMismatch,
    #[msg("Account is not a valid central bank attestation")]
    InvalidAttestationAccount,
    #[msg("Account is not a valid central bank role record")]
    InvalidRoleAccount,
    #[msg("Account is not the central bank policy")]
    InvalidPolicyAccount,
    #[msg("Attestation expiry must be in the future and within the maximum validity")]
    InvalidExpiry,
    #[msg("Jurisdiction must be a two-letter upper-case country code")]
    InvalidJurisdiction,
    #[msg("This wallet already has an attestation")]
    AttestationAlreadyExists,
    #[msg("This identity is already bound to a wallet")]
    IdentityAlreadyBound,
    #[msg("Only the provider that issued an attestation may change it")]
    NotIssuingProvider,
    #[msg("Only a revoked attestation allows freezing the wallet's currency account")]
    AttestationNotRevoked,
    #[msg("Signer is not the marketplace's authority PDA")]
    NotMarketAuthority,
    #[msg("Reserve support would exceed the policy cap for this period")]
    SupportCapExceeded,
    #[msg("Support comes from the surplus (currency, valued at its amount) or reserve-held tokens, never collateral or savings")]
    InvalidCurrencySupport,
    #[msg("Account is already frozen")]
    AlreadyFrozen,
    #[msg("Account is not frozen")]
    NotFrozen,
    #[msg("Proposal has expired")]
    ProposalExpired,
    #[msg(
        "The policy changed after this proposal was made; propose again against the current policy"
    )]
    PolicyChangedSinceProposal,
    #[msg("This council member already voted to cancel the proposal")]
    AlreadyVotedToCancel,
    #[msg("Account is not the record of a KYC provider governance approved and has not removed")]
    KycProviderNotApproved,
    #[msg("Only the program's upgrade authority (the deployer) may initialise it")]
    NotUpgradeAuthority,
    #[msg("The central bank is already initialised")]
    AlreadyInitialized,
    #[msg("The wallet already has a savings position")]
    SavingsPositionExists,
    #[msg("The role is already granted to this subject")]
    RoleExists,
    #[msg("The KYC provider is already approved")]
    KycProviderExists,
}

se_anchor::math_ext!(CentralBankError::MathOverflow);
