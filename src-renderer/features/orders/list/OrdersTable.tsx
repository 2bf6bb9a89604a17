import { useVirtualizer } from '@tanstack/react-virtual';
import { memo, useCallback, useEffect, useRef, type KeyboardEvent } from 'react';
import { countryName } from '../../../../src-shared/domain/countries';
import { formatMoney } from '../../../../src-shared/domain/money';
import type { OrderSummary } from '../../../../src-shared/domain/order';
import { StageBadge } from '../../../components/StageBadge';
import { formatDate, formatDateTime } from '../../../components/format';
import { navigate, paths } from '../../../app/router';
import { PAGE_SIZE, saveScrollOffset, savedScrollOffset, useOrdersList } from './ordersListStore';

/**
 * 32 px rows keep even a 1,000,000-order desk under Chromium's largest element height (~33.5 M px).
 * The header sits inside the scroll container (sticky), so columns line up with or without a scrollbar.
 */
export const ROW_HEIGHT = 32;
const HEADER_HEIGHT = 34;

const COLUMNS = ['Number', 'Customer', 'E-mail', 'Country', 'Stage', 'Total', 'Created'] as const;

const Row = memo(function Row({ index, order, selected, start, onOpen }: {
  index: number;
  order: OrderSummary | undefined;
  selected: boolean;
  start: number;
  onOpen(index: number, id: number): void;
}) {
  const style = { transform: `translateY(${start}px)`, height: ROW_HEIGHT };
  if (!order) {
    return (
      <div className="row row-placeholder" role="row" aria-rowindex={index + 2} aria-busy="true" style={style}
        id={`order-row-${index}`} data-testid="order-row-placeholder" aria-selected={selected}>
        {COLUMNS.map((c) => (
          <div role="gridcell" className={`cell cell-${c.toLowerCase().replace('-', '')}`} key={c}>
            <span className="skeleton" />
          </div>
        ))}
      </div>
    );
  }
  return (
    <div
      className={`row${selected ? ' row-selected' : ''}`}
      role="row"
      aria-rowindex={index + 2}
      aria-selected={selected}
      id={`order-row-${index}`}
      data-testid="order-row"
      data-order-number={order.number}
      data-order-id={order.id}
      data-stage={order.stage}
      style={style}
      onClick={() => onOpen(index, order.id)}
    >
      <div role="gridcell" className="cell cell-number" title={order.storefrontNumber ?? undefined}>
        {order.number}{order.storefrontNumber !== null && <span className="muted small"> {order.storefrontNumber}</span>}
      </div>
      <div role="gridcell" className="cell cell-customer" title={order.customerName}>{order.customerName || <span className="muted">No name yet</span>}</div>
      <div role="gridcell" className="cell cell-email" title={order.customerEmail}>{order.customerEmail || <span className="muted">—</span>}</div>
      <div role="gridcell" className="cell cell-country" title={order.shipCountry}>{order.shipCountry ? countryName(order.shipCountry) : <span className="muted">—</span>}</div>
      <div role="gridcell" className="cell cell-stage"><StageBadge stage={order.stage} /></div>
      <div role="gridcell" className="cell cell-total">{formatMoney(order.total)}</div>
      <div role="gridcell" className="cell cell-created" title={formatDateTime(order.createdAt)}>{formatDate(order.createdAt)}</div>
    </div>
  );
});

export function OrdersTable({ total }: { total: number }) {
  const scrollRef = useRef<HTMLDivElement>(null);
  const pages = useOrdersList((s) => s.pages);
  const selected = useOrdersList((s) => s.selected);
  const select = useOrdersList((s) => s.select);
  const showRange = useOrdersList((s) => s.showRange);
  const rowAt = useOrdersList((s) => s.rowAt);

  const virtualizer = useVirtualizer({
    count: total,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 12,
    scrollMargin: HEADER_HEIGHT,
    scrollPaddingStart: HEADER_HEIGHT,
    initialOffset: savedScrollOffset,
    onChange: (instance) => saveScrollOffset(instance.scrollOffset ?? 0),
  });

  const items = virtualizer.getVirtualItems();
  const first = items[0]?.index ?? 0;
  const last = items[items.length - 1]?.index ?? 0;
  useEffect(() => {
    showRange(first, last);
  }, [first, last, total, showRange]);

  const open = useCallback((index: number, id: number) => {
    select(index);
    navigate(paths.order(id));
  }, [select]);

  const moveTo = (index: number) => {
    const target = Math.min(Math.max(index, 0), total - 1);
    select(target);
    virtualizer.scrollToIndex(target, { align: 'auto' });
  };

  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    if (total === 0 || event.altKey || event.ctrlKey || event.metaKey) return;
    const page = Math.max(1, Math.floor(((scrollRef.current?.clientHeight ?? 400) - HEADER_HEIGHT) / ROW_HEIGHT) - 1);
    const current = selected < 0 ? first - 1 : selected;
    switch (event.key) {
      case 'ArrowDown': moveTo(current + 1); break;
      case 'ArrowUp': moveTo(selected < 0 ? first : current - 1); break;
      case 'PageDown': moveTo(current + page); break;
      case 'PageUp': moveTo(current - page); break;
      case 'Home': moveTo(0); break;
      case 'End': moveTo(total - 1); break;
      case 'Enter': {
        const order = selected >= 0 ? rowAt(selected) : undefined;
        if (order) navigate(paths.order(order.id));
        break;
      }
      default: return;
    }
    event.preventDefault();
  };

  // Keep the selection visible when coming back to a list scrolled elsewhere.
  useEffect(() => {
    if (selected >= 0 && selected < total) virtualizer.scrollToIndex(selected, { align: 'auto' });
    // Only on mount: later moves scroll through moveTo.
  }, []);

  return (
    <div
      ref={scrollRef}
      className="table-scroll"
      role="grid"
      aria-label="Orders"
      aria-rowcount={total + 1}
      aria-colcount={COLUMNS.length}
      aria-activedescendant={selected >= 0 && selected < total ? `order-row-${selected}` : undefined}
      tabIndex={0}
      data-testid="orders-table"
      data-total={total}
      onKeyDown={onKeyDown}
      onFocus={(event) => {
        if (event.target === event.currentTarget && selected < 0 && total > 0) select(first);
      }}
    >
      <div className="row row-head" role="row" aria-rowindex={1} style={{ height: HEADER_HEIGHT }}>
        {COLUMNS.map((c) => (
          <div role="columnheader" className={`cell cell-${c.toLowerCase().replace('-', '')}`} key={c}>{c}</div>
        ))}
      </div>
      <div className="table-rows" role="rowgroup" style={{ height: virtualizer.getTotalSize() }}>
        {items.map((item) => {
          const page = pages.get(Math.floor(item.index / PAGE_SIZE));
          const order = page?.rows[item.index % PAGE_SIZE];
          return (
            <Row
              key={item.index}
              index={item.index}
              order={order}
              selected={item.index === selected}
              start={item.start - HEADER_HEIGHT}
              onOpen={open}
            />
          );
        })}
      </div>
    </div>
  );
}
