// The pages, in the navigation's order, and where each one's code lives: src/features/<page>/.
import { Route, Routes } from 'react-router';
import { CommunityPage } from '../features/community/ui/CommunityPage';
import { DashboardPage } from '../features/dashboard/ui/DashboardPage';
import { GovernancePage } from '../features/governance/ui/GovernancePage';
import { HouseholdPage } from '../features/household/ui/HouseholdPage';
import { MemberPage } from '../features/member/ui/MemberPage';
import { OffersPage } from '../features/offers/ui/OffersPage';
import { TradePage } from '../features/trade/ui/TradePage';

export const NAV = [
  ['/', 'Dashboard'],
  ['/member', 'Member'],
  ['/trade', 'Trade'],
  ['/offers', 'Offers'],
  ['/household', 'Household'],
  ['/community', 'Community'],
  ['/governance', 'Governance'],
] as const;

/** The page's name for its heading and the document title: the navigation's label of its route. */
export function pageTitle(pathname: string): string {
  // One community's own page is told apart from the list of them.
  if (/^\/community\/[^/]+/.test(pathname)) return 'Community details';
  const found = NAV.find(([to]) => (to === '/' ? pathname === '/' : pathname === to || pathname.startsWith(`${to}/`)));
  return found ? found[1] : 'Not found';
}

export function AppRoutes() {
  return (
    <Routes>
      <Route path="/" element={<DashboardPage />} />
      <Route path="/member" element={<MemberPage />} />
      <Route path="/trade" element={<TradePage />} />
      <Route path="/offers" element={<OffersPage />} />
      <Route path="/household" element={<HouseholdPage />} />
      <Route path="/community" element={<CommunityPage />} />
      <Route path="/community/:address" element={<CommunityPage />} />
      <Route path="/governance" element={<GovernancePage />} />
      <Route path="*" element={<p>Not found.</p>} />
    </Routes>
  );
}
