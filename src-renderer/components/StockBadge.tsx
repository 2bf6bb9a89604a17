import type { StockLevel } from '../../src-shared/domain/catalog';

export const STOCK_LABELS: Record<StockLevel, string> = {
  in_stock: 'In stock', low: 'Low stock', out_of_stock: 'Out of stock', no_offer: 'No supplier',
};

export function StockBadge({ level, stock }: { level: StockLevel; stock?: number | undefined }) {
  const count = stock !== undefined && level !== 'no_offer' && level !== 'out_of_stock' ? ` · ${stock.toLocaleString()}` : '';
  return (
    <span className={`badge stock-${level}`} data-testid="stock-badge" data-level={level}>
      {STOCK_LABELS[level]}{count}
    </span>
  );
}
