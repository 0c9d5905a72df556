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

const link = ({ isActive }: { isActive: boolean }) =>
  `rounded-lg px-2 py-1.5 text-sm sm:px-3 ${isActive ? 'bg-emerald-600 text-white' : 'hover:bg-slate-200 dark:hover:bg-slate-800'}`;

export function App() {
  return (
    <div className="mx-auto max-w-6xl p-3 sm:p-6">
      <header className="mb-6 flex flex-wrap items-center justify-between gap-3">
        <div className="flex flex-wrap items-center gap-2 sm:gap-4">
          <h1 className="whitespace-nowrap text-lg font-bold sm:text-xl">
            <span className="text-emerald-600">☀</span> SourceEnergy
          </h1>
          <nav className="flex flex-wrap gap-1">
            <NavLink to="/" end className={link}>
              Dashboard
            </NavLink>
            <NavLink to="/member" className={link}>
              Member
            </NavLink>
            <NavLink to="/trade" className={link}>
              Trade
            </NavLink>
            <NavLink to="/offers" className={link}>
              Offers
            </NavLink>
            <NavLink to="/household" className={link}>
              Household
            </NavLink>
            <NavLink to="/community" className={link}>
              Community
            </NavLink>
            <NavLink to="/governance" className={link}>
              Governance
            </NavLink>
          </nav>
        </div>
        <div className="flex flex-wrap items-center gap-2">
          <ClusterPicker />
          <WalletButton />
        </div>
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
