// Community funds: the list, and one community at /community/:address.
import { Link, useParams } from 'react-router';
import { ReadError } from '../../../shared/ui/ui';
import { useCommunitiesQuery } from '../data-access/queries';
import { CommunityDetail } from './CommunityDetail';
import { CommunityList } from './CommunityList';

export function CommunityPage() {
  const { address } = useParams();
  const q = useCommunitiesQuery();
  if (q.isPending) return <p className="p-4">Reading communities…</p>;
  if (q.isError) return <ReadError error={q.error} />;
  if (!address) return <CommunityList s={q.data} />;
  const community = q.data.communities.find((c) => c.address === address);
  if (!community) {
    return (
      <div className="card" data-testid="community-missing">
        No community at {address}. <Link className="underline" to="/community">All communities</Link>
      </div>
    );
  }
  return <CommunityDetail s={q.data} community={community} />;
}
