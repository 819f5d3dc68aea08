import { Route, Routes } from 'react-router';
import { CataloguePage, ProductPage } from './CataloguePages';
import { StatsPage } from './StatsPage';
import {
  BankPage,
  BanksPage,
  CalendarPage,
  ClaimsPage,
  DeliveriesPage,
  EscalationsPage,
} from './OperationsPages';

export default function AdminRoutes() {
  return (
    <Routes>
      <Route index element={<CataloguePage />} />
      <Route path="products/:code" element={<ProductPage />} />
      <Route path="banks" element={<BanksPage />} />
      <Route path="banks/:code" element={<BankPage />} />
      <Route path="escalations" element={<EscalationsPage />} />
      <Route path="deliveries" element={<DeliveriesPage />} />
      <Route path="calendar" element={<CalendarPage />} />
      <Route path="claims" element={<ClaimsPage />} />
      <Route path="stats" element={<StatsPage />} />
    </Routes>
  );
}
