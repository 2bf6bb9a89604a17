import '../catalog/catalog.css';
import { useEffect } from 'react';
import type { ProductView, VariantView } from '../../../src-shared/domain/catalog';
import { formatMoney } from '../../../src-shared/domain/money';
import { linkHandler, navigate, paths } from '../../app/router';
import { BoxIcon, SearchIcon } from '../../components/Icons';
import { Message } from '../../components/Message';
import { StockBadge } from '../../components/StockBadge';
import { plural } from '../../components/format';
import { bestOffer, formatMargin, LIFE_STAGE_LABELS, marginTone, SPECIES_LABELS } from '../catalog/catalogModel';
import { useMarginThreshold } from '../catalog/settingsStore';
import { ensureSuppliers, useSuppliers } from '../suppliers/suppliersStore';
import { MarginThreshold } from './MarginThreshold';
import { PRODUCTS_PAGE_SIZE, productsListMounted, useProducts } from './productsStore';

export function MarginCell({ variant, threshold }: { variant: Pick<VariantView, 'offers'>; threshold: number | null }) {
  const offer = bestOffer(variant);
  const margin = offer?.marginPercent ?? null;
  const tone = marginTone(margin, threshold);
  const title = !offer ? 'No supplier offer yet'
    : margin === null ? `${offer.supplierName}’s cost is in ${offer.cost.currency}: no margin in one currency`
      : `From ${offer.supplierName}’s cost of ${formatMoney(offer.cost)}${tone === 'low' ? ` — below your ${threshold}% threshold` : ''}`;
  return (
    <span className={`margin margin-${tone}`} data-testid="variant-margin" data-tone={tone} title={title}>
      {formatMargin(margin)}
    </span>
  );
}

function ProductGroup({ product, threshold }: { product: ProductView; threshold: number | null }) {
  const href = paths.product(product.id);
  return (
    <tbody className="product-group" data-testid="product-row" data-product-id={product.id}>
      <tr className="product-head" onClick={(e) => {
        if (!(e.target as HTMLElement).closest('a')) navigate(href);
      }}>
        <th scope="rowgroup" colSpan={6}>
          <a href={href} onClick={linkHandler(href)} className="row-link product-title" data-testid="product-link">{product.title}</a>
          <span className="product-meta">
            {[product.brand, SPECIES_LABELS[product.species], product.lifeStage !== 'all' ? LIFE_STAGE_LABELS[product.lifeStage] : null].filter(Boolean).join(' · ')}
          </span>
        </th>
      </tr>
      {product.variants.map((v) => (
        <tr key={v.id} className="variant-line" data-testid="variant-row" data-variant-id={v.id} data-sku={v.sku} onClick={() => navigate(href)}>
          <td className="mono">{v.sku}</td>
          <td>{v.title}</td>
          <td className="num">{formatMoney(v.retailPrice)}</td>
          <td><StockBadge level={v.stockLevel} stock={v.totalStock} /></td>
          <td className="num"><MarginCell variant={v} threshold={threshold} /></td>
          <td className="num">{v.offers.length}</td>
        </tr>
      ))}
    </tbody>
  );
}

export function ProductsScreen() {
  const { rows, total, offset, search, searchText, error, loading, setSearchText, applySearchNow, setOffset, load } = useProducts();
  const threshold = useMarginThreshold();
  const suppliers = useSuppliers((s) => s.suppliers);

  useEffect(() => {
    productsListMounted(true);
    ensureSuppliers();
    return () => productsListMounted(false);
  }, []);

  const newHref = paths.newProduct();
  const emptyCatalog = total === 0 && search === '';
  const last = Math.min(offset + PRODUCTS_PAGE_SIZE, total ?? 0);

  return (
    <div className="screen screen-catalog">
      <header className="screen-header">
        <div>
          <h1>Products</h1>
          <p className="screen-subtitle" data-testid="products-count" aria-live="polite">
            {total === null ? (error ? 'Not loaded' : 'Loading…') : `${plural(total, 'product')}${search ? ` matching “${search}”` : ''}`}
          </p>
        </div>
        <div className="screen-header-actions">
          <MarginThreshold />
          <a className="button button-primary" href={newHref} onClick={linkHandler(newHref)} data-testid="products-new">New product</a>
        </div>
      </header>

      {!emptyCatalog && (
        <form className="list-search" role="search" onSubmit={(e) => {
          e.preventDefault();
          applySearchNow();
        }}>
          <label htmlFor="product-search" className="visually-hidden">Search products</label>
          <SearchIcon className="search-icon" />
          <input id="product-search" type="search" className="input search-field" data-testid="product-search" data-search-local autoComplete="off" spellCheck={false}
            placeholder="Search by title, brand or SKU" value={searchText} maxLength={200}
            onChange={(e) => setSearchText(e.target.value)}
            onKeyDown={(e) => {
              if (e.key === 'Escape' && searchText !== '') {
                e.preventDefault();
                setSearchText('');
                applySearchNow();
              }
            }} />
        </form>
      )}

      {error && <Message testId="products-error" action={<button type="button" className="button" onClick={() => void load()}>Try again</button>}>{error}</Message>}

      {emptyCatalog && (
        <section className="empty-state" data-testid="products-empty">
          <div className="empty-illustration"><BoxIcon size={40} /></div>
          <h2>No products yet</h2>
          <p>
            Add what your shop sells: a product with its variants (size, flavour, weight) and their retail prices.
            Then add each supplier’s offer (their SKU, cost and stock) so orders can be routed to them.
          </p>
          {suppliers?.length === 0 && (
            <p className="muted">
              You have no suppliers yet: <a href={paths.newSupplier()} onClick={linkHandler(paths.newSupplier())}>add a supplier</a> first to give products offers.
            </p>
          )}
          <a className="button button-primary button-large" href={newHref} onClick={linkHandler(newHref)} data-testid="products-empty-new">Add your first product</a>
        </section>
      )}

      {total === 0 && search !== '' && (
        <div className="no-matches" data-testid="products-no-matches">
          <h2>No products match “{search}”</h2>
          <p>Search looks in product titles, brands and variant SKUs.</p>
          <button type="button" className="button" onClick={() => {
            setSearchText('');
            applySearchNow();
          }}>Clear search</button>
        </div>
      )}

      {rows && rows.length > 0 && (
        <>
          <div className="table-wrap card-table" aria-busy={loading}>
            <table className="data-table products-table" data-testid="products-table">
              <colgroup>
                <col className="col-sku" /><col /><col className="col-price" /><col className="col-stock" /><col className="col-margin" /><col className="col-offers" />
              </colgroup>
              <thead>
                <tr>
                  <th scope="col">SKU</th>
                  <th scope="col">Variant</th>
                  <th scope="col" className="num">Retail price</th>
                  <th scope="col">Stock</th>
                  <th scope="col" className="num" title={threshold === null ? undefined : `Red below ${threshold}%`}>Margin</th>
                  <th scope="col" className="num">Offers</th>
                </tr>
              </thead>
              {rows.map((p) => <ProductGroup key={p.id} product={p} threshold={threshold} />)}
            </table>
          </div>
          {total !== null && total > PRODUCTS_PAGE_SIZE && (
            <nav className="pager" aria-label="Pages of products">
              <span className="muted" data-testid="products-range">{(offset + 1).toLocaleString()}–{last.toLocaleString()} of {total.toLocaleString()}</span>
              <button type="button" className="button" data-testid="products-prev" disabled={offset === 0 || loading} onClick={() => setOffset(offset - PRODUCTS_PAGE_SIZE)}>Previous</button>
              <button type="button" className="button" data-testid="products-next" disabled={last >= total || loading} onClick={() => setOffset(offset + PRODUCTS_PAGE_SIZE)}>Next</button>
            </nav>
          )}
        </>
      )}
    </div>
  );
}
