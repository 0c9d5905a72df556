//! Transaction outcomes: success, or the exact program or runtime error expected.

use ::central_bank::errors::CentralBankError;
use anchor_lang::error::ErrorCode as AnchorError;
use solana_sdk::{instruction::InstructionError, transaction::TransactionError};

/// A typed program error code for `assert_error`.
pub trait ErrCode {
    fn code(self) -> u32;
}
/// Every program's `#[error_code]` enum converts into its code.
macro_rules! program_errors {
    ($($error:ty),*) => {
        $(impl ErrCode for $error {
            fn code(self) -> u32 {
                self.into()
            }
        })*
    };
}
program_errors!(
    CentralBankError,
    marketplace::errors::MarketplaceError,
    grid_market::errors::GridMarketError,
    community::errors::CommunityError,
    household::errors::HouseholdError,
    member::errors::MemberError
);
/// A raw code, for tables of mixed error types.
impl ErrCode for u32 {
    fn code(self) -> u32 {
        self
    }
}
impl ErrCode for AnchorError {
    fn code(self) -> u32 {
        self as u32
    }
}

pub type TxResult = Result<(), TransactionError>;

#[track_caller]
pub fn assert_success(res: TxResult) {
    if let Err(e) = res {
        panic!("transaction failed: {e:?}");
    }
}

/// The transaction failed with program error `code` (in whichever instruction).
#[track_caller]
pub fn assert_error(res: TxResult, code: impl ErrCode) {
    let expected = code.code();
    match res {
        Err(e) => match e {
            TransactionError::InstructionError(_, InstructionError::Custom(c)) if c == expected => {
            }
            other => panic!("expected custom error {expected}, got {other:?}"),
        },
        Ok(()) => panic!("expected custom error {expected}, but the transaction succeeded"),
    }
}

/// The transaction failed with a runtime (non-custom) instruction error.
#[track_caller]
pub fn assert_instruction_error(res: TxResult, expected: InstructionError) {
    match res {
        Err(e) => match e {
            TransactionError::InstructionError(_, got) if got == expected => {}
            other => panic!("expected {expected:?}, got {other:?}"),
        },
        Ok(()) => panic!("expected {expected:?}, but the transaction succeeded"),
    }
}
