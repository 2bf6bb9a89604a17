import type { z } from 'zod';
import type {
  FeedPreview, FeedRunView, ProductView, SupplierDetail, SupplierSummary, VariantOption,
} from '../domain/catalog';
import type { OrderDetail, OrderPage, StageCounts } from '../domain/order';
import type { DeskSettings } from '../domain/settings';
import type { OutboxSummary } from '../domain/outbox';
import type { PoPreview } from '../domain/supplier-orders';
import type { TrackingFilePreview, TrackingFileReport } from '../domain/shipments';
import type { NotificationPreview } from '../domain/notifications';
import type { ExceptionList, TrackingSyncStatus } from '../domain/exceptions';
import type { ExportResult } from '../domain/exports';
import type { ShopifySyncStatus } from '../domain/shopify-sync';
import { runExportInput } from '../schemas/export-procedures';
import type { ImportRunView, OrderFilePreview } from '../domain/storefront-import';
import { importRunsInput, orderFileImportInput, orderFilePreviewInput } from '../schemas/storefront-import-procedures';
import {
  feedImportInput, feedPreviewInput, idInput, listProductsInput, saveOfferInput, saveProductInput, saveSupplierInput,
  searchVariantsInput, setLineSupplierInput, supplierIdInput, updateSettingsInput,
} from '../schemas/catalog-procedures';
import {
  cancelOrderInput, createOrderInput, emptyInput, listOrdersInput, loadDemoInput, orderIdInput, submitOrderInput, updateDraftInput,
} from '../schemas/orders-procedures';
import {
  attachStripeInput, cancelPaymentInput, captureInput, createLinkInput, outboxIdInput, overrideCheckInput, paymentIdInput,
  placeHoldInput, recordManualPaymentInput, refundInput, releaseHoldInput, resolveReviewInput, runChecksInput,
} from '../schemas/processing-procedures';
import { confirmPoInput, orderIdOnlyInput, poIdInput, resolveUnknownPoInput, withdrawPoInput } from '../schemas/dispatch-procedures';
import {
  addShipmentInput, markShipmentHandledInput, previewNotificationInput, recordShipmentStatusInput, shipmentIdInput,
  trackingFileImportInput, trackingFilePreviewInput,
} from '../schemas/fulfillment-procedures';
import type { ProcedureName } from './names';

export interface AppInfo {
  version: string;
  host: 'electron' | 'browser';
  dataDir: string;
  orderCount: number;
  /** How supplier credentials are protected at rest: the OS keychain, or a key file beside the data (weaker). */
  secretProtection: 'os-keychain' | 'key-file';
}

export type { DeskSettings } from '../domain/settings';

/** A procedure is its input schema plus a phantom output type; the dispatcher validates with the schema. */
interface Procedure<S extends z.ZodType, O> {
  input: S;
  output?: O;
}
const procedure = <O>() => <S extends z.ZodType>(input: S): Procedure<S, O> => ({ input });

export const procedures = {
  'app.info': procedure<AppInfo>()(emptyInput),
  'orders.create': procedure<OrderDetail>()(createOrderInput),
  'orders.updateDraft': procedure<OrderDetail>()(updateDraftInput),
  'orders.submit': procedure<OrderDetail>()(submitOrderInput),
  'orders.cancel': procedure<OrderDetail>()(cancelOrderInput),
  'orders.get': procedure<OrderDetail>()(orderIdInput),
  'orders.list': procedure<OrderPage>()(listOrdersInput),
  'orders.stageCounts': procedure<StageCounts>()(emptyInput),
  'demo.load': procedure<{ orders: number }>()(loadDemoInput),
  'settings.get': procedure<DeskSettings>()(emptyInput),
  'settings.update': procedure<DeskSettings>()(updateSettingsInput),
  'suppliers.list': procedure<SupplierSummary[]>()(emptyInput),
  'suppliers.get': procedure<SupplierDetail>()(idInput),
  'suppliers.save': procedure<SupplierDetail>()(saveSupplierInput),
  'catalog.listProducts': procedure<{ rows: ProductView[]; total: number }>()(listProductsInput),
  'catalog.getProduct': procedure<ProductView>()(idInput),
  'catalog.saveProduct': procedure<ProductView>()(saveProductInput),
  'catalog.saveOffer': procedure<ProductView>()(saveOfferInput),
  'catalog.searchVariants': procedure<VariantOption[]>()(searchVariantsInput),
  'feeds.preview': procedure<FeedPreview>()(feedPreviewInput),
  'feeds.import': procedure<FeedRunView>()(feedImportInput),
  'feeds.pullApi': procedure<FeedRunView>()(supplierIdInput),
  'feeds.runs': procedure<FeedRunView[]>()(supplierIdInput),
  'feeds.run': procedure<FeedRunView>()(idInput),
  'orders.setLineSupplier': procedure<OrderDetail>()(setLineSupplierInput),
  'verification.run': procedure<OrderDetail>()(runChecksInput),
  'verification.override': procedure<OrderDetail>()(overrideCheckInput),
  'verification.resolve': procedure<OrderDetail>()(resolveReviewInput),
  'holds.release': procedure<OrderDetail>()(releaseHoldInput),
  'holds.place': procedure<OrderDetail>()(placeHoldInput),
  'payments.recordManual': procedure<OrderDetail>()(recordManualPaymentInput),
  'payments.attachStripe': procedure<OrderDetail>()(attachStripeInput),
  'payments.createLink': procedure<OrderDetail>()(createLinkInput),
  'payments.refresh': procedure<OrderDetail>()(paymentIdInput),
  'payments.capture': procedure<OrderDetail>()(captureInput),
  'payments.cancel': procedure<OrderDetail>()(cancelPaymentInput),
  'payments.refund': procedure<OrderDetail>()(refundInput),
  'outbox.retry': procedure<OrderDetail>()(outboxIdInput),
  'outbox.summary': procedure<OutboxSummary>()(emptyInput),
  /** The network is back (the person says so): every row waiting out a back-off is tried now. */
  'outbox.retryNow': procedure<OutboxSummary>()(emptyInput),
  'supplierOrders.prepare': procedure<OrderDetail>()(orderIdOnlyInput),
  'supplierOrders.preview': procedure<PoPreview>()(poIdInput),
  'supplierOrders.send': procedure<OrderDetail>()(orderIdOnlyInput),
  'supplierOrders.confirm': procedure<OrderDetail>()(confirmPoInput),
  'supplierOrders.refresh': procedure<OrderDetail>()(poIdInput),
  'supplierOrders.resolveUnknown': procedure<OrderDetail>()(resolveUnknownPoInput),
  'supplierOrders.reroute': procedure<OrderDetail>()(poIdInput),
  'supplierOrders.withdraw': procedure<OrderDetail>()(withdrawPoInput),
  'shipments.add': procedure<OrderDetail>()(addShipmentInput),
  'shipments.recordStatus': procedure<OrderDetail>()(recordShipmentStatusInput),
  'shipments.markHandled': procedure<OrderDetail>()(markShipmentHandledInput),
  /** Ask the tracking service about this one parcel now. */
  'shipments.checkNow': procedure<OrderDetail>()(shipmentIdInput),
  'trackingFile.preview': procedure<TrackingFilePreview>()(trackingFilePreviewInput),
  'trackingFile.import': procedure<TrackingFileReport>()(trackingFileImportInput),
  'tracking.status': procedure<TrackingSyncStatus>()(emptyInput),
  /** One sync round now: supplier APIs for new parcels, the tracking service for parcels in transit. */
  'tracking.syncNow': procedure<TrackingSyncStatus>()(emptyInput),
  'exceptions.list': procedure<ExceptionList>()(emptyInput),
  'exceptions.count': procedure<{ count: number }>()(emptyInput),
  'notifications.preview': procedure<NotificationPreview>()(previewNotificationInput),
  /** Writes a CSV export into the data directory's exports folder and says where. */
  'export.run': procedure<ExportResult>()(runExportInput),
  /** What a picked orders file is (Shopify, WooCommerce, the desk's own export, or unknown → mapping), without importing. */
  'orderImport.preview': procedure<OrderFilePreview>()(orderFilePreviewInput),
  /** Imports the file in a worker (progress on orderImport.progress); all its orders or, cancelled, none. */
  'orderImport.run': procedure<ImportRunView>()(orderFileImportInput),
  /** Stops the import in hand; it ends as cancelled with nothing imported. */
  'orderImport.cancel': procedure<{ cancelled: boolean }>()(emptyInput),
  'orderImport.runs': procedure<ImportRunView[]>()(importRunsInput),
  /** The Shopify connection: set up or not, the last pull round and its counts (never the access token). */
  'shopify.status': procedure<ShopifySyncStatus>()(emptyInput),
  /** One Shopify pull round now: new and changed orders since the saved cursor. */
  'shopify.syncNow': procedure<ShopifySyncStatus>()(emptyInput),
} satisfies Record<ProcedureName, Procedure<z.ZodType, unknown>>;

type Procedures = typeof procedures;
/** What a caller passes (defaults may be omitted). */
export type ProcedureInput<N extends ProcedureName> = z.input<Procedures[N]['input']>;
/** What the handler receives after validation. */
export type ProcedureParsedInput<N extends ProcedureName> = z.output<Procedures[N]['input']>;
export type ProcedureOutput<N extends ProcedureName> = NonNullable<Procedures[N]['output']>;
