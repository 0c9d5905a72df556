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
}

central_bank::math_ext!(CommunityError::MathOverflow);
