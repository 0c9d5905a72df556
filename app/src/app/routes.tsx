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
