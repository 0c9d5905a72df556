use anchor_lang::prelude::*;

#[error_code(offset = 9000)]
pub enum CommunityError {
    #[msg("Arithmetic overflow or division by zero")]
    MathOverflow,
    #[msg("Amount must be greater than zero")]
    ZeroAmount,
    #[msg("Community fee is above its bound")]
    FeeOutOfBounds,
    #[msg("The first deposit must exceed the locked shares")]
    FirstDepositTooSmall,
    #[msg("Position holds fewer shares than requested")]
    InsufficientShares,
    #[msg("Withdrawal exceeds the fund's liquid currency")]
    InsufficientLiquidity,
    #[msg("Vault holds less than the fund's books")]
    BooksNotBacked,
    #[msg("Staked, tokenized and locked shares exceed the shares outstanding")]
    SharesNotBacked,
    #[msg("The funder's attestation account is required")]
    AttestationRequired,
    #[msg("Project capacity and budget must be greater than zero")]
    InvalidProject,
    #[msg("A project's meter must be owned by its community")]
    ProjectMeterNotCommunity,
    #[msg("Funding exceeds the project's budget")]
    ExceedsCapex,
    #[msg("The meter is neither the community's nor carried by an affiliated member or household")]
    UnaffiliatedMeter,
    #[msg("The owner already has a position in this community")]
    PositionExists,
    #[msg("Only the community's manager may do this")]
    NotManager,
    #[msg("Amount exceeds the benefit fund")]
    InsufficientBenefitFund,
}

se_anchor::math_ext!(CommunityError::MathOverflow);
