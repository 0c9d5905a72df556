//! PDA seeds, in one place. The client SDK derives every address from these.

/// `[MEMBER, wallet]`: a member's account; it signs the member's actions on the layers above.
/// (the community and household programs derive the same address from this program's ID.)
pub const MEMBER: &[u8] = b"member";
