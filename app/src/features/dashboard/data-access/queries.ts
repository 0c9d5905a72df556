import { queryKeys } from '../../../shared/query/queryKeys';
import { useChainQuery } from '../../../shared/query/useChainQuery';
import { loadDashboard } from './dashboard';

export const useDashboardQuery = () =>
  useChainQuery((c) => queryKeys.dashboard(c), loadDashboard, { refetchInterval: 5_000 });
