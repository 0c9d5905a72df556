//! `sourceenergy status`: the ecosystem's state, read from a running cluster.

use super::Cluster;

/// Prints the state; needs no keypair.
pub async fn run(cluster: &Cluster) -> Result<bool, String> {
    let mut chain = cluster.rpc(false)?;
    let text = crate::status::status(&mut chain)
        .await
        .map_err(|e| e.to_string())?;
    print!("{text}");
    Ok(true)
}
