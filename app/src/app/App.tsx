// The layout around every page: the header (cluster, wallet), the navigation, the page's heading,
// the toasts.
import { useEffect, useRef } from 'react';
import { NavLink, useLocation } from 'react-router';
import { Toaster } from 'sonner';
import { ClusterPicker } from './ClusterPicker';
import { AppRoutes, NAV, pageTitle } from './routes';
import { WalletButton } from './WalletButton';

const link = ({ isActive }: { isActive: boolean }) =>
  `whitespace-nowrap rounded-lg px-2 py-1.5 text-sm sm:px-3 ${isActive ? 'bg-accent' : 'hover:bg-slate-200 dark:hover:bg-slate-800'}`;

/**
 * The page's one h1 (read by screen readers; the highlighted navigation link shows it on screen)
 * and the document title. After a move to another page, focus goes to this heading, so keyboard
 * and screen reader users start at the new page's top instead of staying on the link they left.
 */
function PageHeading() {
  const { pathname } = useLocation();
  const title = pageTitle(pathname);
  const ref = useRef<HTMLHeadingElement>(null);
  const first = useRef(true);
  useEffect(() => {
    document.title = `${title} · SourceEnergy`;
    if (first.current) first.current = false;
    else ref.current?.focus({ preventScroll: true });
  }, [pathname, title]);
  return (
    <h1 ref={ref} tabIndex={-1} className="sr-only" data-testid="page-title">
      {title}
    </h1>
  );
}

/**
 * The toasts. sonner keeps one polite live region (aria-live) mounted, so each toast is announced.
 * It also sends focus back to where it was before focus entered the toasts, each time focus leaves
 * them: right for its hotkey (Alt+T focuses the list), but the toasts come last in the Tab order,
 * so a person Tabbing on through the page would be sent back every time and never get past them.
 * Focus reaching a toast's own controls by Tab is kept from sonner's handler; Tab simply moves on.
 */
function Toasts() {
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const el = ref.current;
    if (!el) return;
    const byTab = (e: FocusEvent) => {
      if (e.target instanceof Element && !e.target.matches('[data-sonner-toaster]')) e.stopPropagation();
    };
    el.addEventListener('focusin', byTab);
    return () => el.removeEventListener('focusin', byTab);
  }, []);
  return (
    <div ref={ref}>
      <Toaster richColors closeButton position="bottom-right" theme="system" />
    </div>
  );
}

export function App() {
  return (
    <div className="mx-auto max-w-6xl p-3 sm:p-6">
      <header className="mb-6 space-y-3">
        <div className="flex flex-wrap items-center justify-between gap-3">
          <p className="whitespace-nowrap text-lg font-bold sm:text-xl">
            <span className="text-emerald-700 dark:text-emerald-400" aria-hidden="true">
              ☀
            </span>{' '}
            SourceEnergy
          </p>
          <div className="flex flex-wrap items-center gap-2">
            <ClusterPicker />
            <WalletButton />
          </div>
        </div>
        <nav aria-label="Main" className="flex flex-wrap gap-1">
          {NAV.map(([to, label]) => (
            <NavLink key={to} to={to} end={to === '/'} className={link}>
              {label}
            </NavLink>
          ))}
        </nav>
      </header>
      <main>
        <PageHeading />
        <AppRoutes />
      </main>
      <Toasts />
    </div>
  );
}
