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
    #[msg("A wallet's position pays only into a currency account the wallet owns")]
    NotOwnersAccount,
    #[msg("A community with this id already exists")]
    CommunityExists,
    #[msg("The community already has a project with this id")]
    ProjectExists,
    #[msg("This epoch's revenue is already booked")]
    AlreadyBooked,
    #[msg("Too many epochs booked and not yet received")]
    TooManyBooked,
    #[msg("The epoch is not closed, or the community has no unclaimed energy in it")]
    NothingToBook,
    #[msg("Revenue received differs from what was booked for the epoch")]
    BookedRevenueMismatch,
    #[msg(
        "That revenue has been booked but not received yet; claim again after the offtaker pays"
    )]
    RevenueNotReceived,
}

se_anchor::math_ext!(CommunityError::MathOverflow);
