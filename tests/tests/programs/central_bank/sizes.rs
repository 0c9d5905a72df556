//! The largest central_bank transactions fit the 1,232-byte wire limit, and run.

use central_bank::state::{Governance, GovernanceAction, MAX_COUNCIL};
use solana_packet::PACKET_DATA_SIZE;
use solana_sdk::{signature::Keypair, signer::Signer};
use sourceenergy_sdk::pda;
use sourceenergy_tests::*;

#[tokio::test]
async fn largest_transactions_fit_the_wire_limit() {
    let f = &mut Fixture::new().await;
    // initialize with a full council: 12 accounts and 10 council keys in the data.
    let mut args = f.initialize_args();
    args.council = (0..MAX_COUNCIL).map(|_| Keypair::new().pubkey()).collect();
    args.council[..3].copy_from_slice(&f.initialize_args().council);
    let ix = f.bank.initialize(f.payer(), f.payer(), args);
    let size = f.wire_size(&[ix.clone()], &[]);
    assert!(size <= PACKET_DATA_SIZE, "initialize is {size} bytes");
    assert_success(f.send(&[ix], &[]).await);

    // A full-council UpdateCouncil proposal, and a SetPolicy one.
    let m0 = f.council[0].insecure_clone();
    let members: Vec<_> = (0..MAX_COUNCIL).map(|_| Keypair::new().pubkey()).collect();
    let actions = [
        GovernanceAction::UpdateCouncil {
            members,
            threshold: 6,
            timelock_secs: 0,
        },
        GovernanceAction::SetPolicy {
            params: default_policy(),
        },
    ];
    for (index, action) in actions.into_iter().enumerate() {
        let ix = f.bank.propose(m0.pubkey(), index as u64, action);
        let size = f.wire_size(&[ix.clone()], &[&m0]);
        assert!(size <= PACKET_DATA_SIZE, "propose is {size} bytes");
        assert_success(f.send(&[ix], &[&m0]).await);
    }
    let g: Governance = f.account(pda::governance()).await;
    assert_eq!(
        (g.member_count as usize, g.proposal_count),
        (MAX_COUNCIL, 2)
    );
}
