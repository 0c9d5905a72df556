// The layout around every page: the header (cluster, wallet), the navigation, the toasts.
import { NavLink } from 'react-router';
import { Toaster } from 'sonner';
import { ClusterPicker } from './ClusterPicker';
import { AppRoutes, NAV } from './routes';
import { WalletButton } from './WalletButton';

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
          {NAV.map(([to, label]) => (
            <NavLink key={to} to={to} end={to === '/'} className={link}>
              {label}
            </NavLink>
          ))}
        </nav>
      </header>
      <main>
        <AppRoutes />
      </main>
      <Toaster richColors closeButton position="bottom-right" theme="system" />
    </div>
  );
}
