import { NavLink, Route, Routes } from 'react-router';
import { Toaster } from 'sonner';
import { ClusterPicker } from './components/ClusterPicker';
import { WalletButton } from './components/WalletButton';
import { Dashboard } from './pages/Dashboard';
import { MemberPage } from './pages/MemberPage';
import { TradePage } from './pages/TradePage';
import { OffersPage } from './pages/OffersPage';
import { GovernancePage } from './pages/GovernancePage';
import { HouseholdPage } from './pages/HouseholdPage';
import { CommunityPage } from './pages/CommunityPage';

const PAGES = [
  ['/', 'Dashboard'],
  ['/member', 'Member'],
  ['/trade', 'Trade'],
  ['/offers', 'Offers'],
  ['/household', 'Household'],
  ['/community', 'Community'],
  ['/governance', 'Governance'],
] as const;

const link = ({ isActive }: { isActive: boolean }) =>
  `whitespace-nowrap rounded-lg px-2 py-1.5 text-sm sm:px-3 ${isActive ? 'bg-emerald-600 text-white' : 'hover:bg-slate-200 dark:hover:bg-slate-800'}`;

export function App() {
  return (
    <div className="mx-auto max-w-6xl p-3 sm:p-6">
      <header className="mb-6 space-y-3">
        <div className="flex flex-wrap items-center justify-between gap-3">
          <h1 className="whitespace-nowrap text-lg font-bold sm:text-xl">
            <span className="text-emerald-600">☀</span> SourceEnergy
          </h1>
          <div className="flex flex-wrap items-center gap-2">
            <ClusterPicker />
            <WalletButton />
          </div>
        </div>
        <nav className="flex flex-wrap gap-1">
          {PAGES.map(([to, label]) => (
            <NavLink key={to} to={to} end={to === '/'} className={link}>
              {label}
            </NavLink>
          ))}
        </nav>
      </header>
      <main>
        <Routes>
          <Route path="/" element={<Dashboard />} />
          <Route path="/member" element={<MemberPage />} />
          <Route path="/trade" element={<TradePage />} />
          <Route path="/offers" element={<OffersPage />} />
          <Route path="/household" element={<HouseholdPage />} />
          <Route path="/community" element={<CommunityPage />} />
          <Route path="/community/:address" element={<CommunityPage />} />
          <Route path="/governance" element={<GovernancePage />} />
          <Route path="*" element={<p>Not found.</p>} />
        </Routes>
      </main>
      <Toaster richColors closeButton position="bottom-right" theme="system" />
    </div>
  );
}
