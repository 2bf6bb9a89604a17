import { initial } from './0001_initial';
import { orderSearch } from './0002_order_search';
import { catalog } from './0003_catalog';
import { processing } from './0004_processing';
import { supplierOrders } from './0005_supplier_orders';
import { shipments } from './0006_shipments';
import { storefrontIntake } from './0007_storefront_intake';
import type { Migration } from './types';

/** Listed statically: a bundled app has no folder of migration files to read. Append only. */
export const MIGRATIONS: readonly Migration[] = [initial, orderSearch, catalog, processing, supplierOrders, shipments, storefrontIntake];
