/**
 * A first guess at which column of an unknown orders file holds which field, from the header names alone, for the
 * mapping screen to show (the person confirms or corrects it). Same rules as the tracking files'
 * (tracking-columns.ts): names compared without case, marks and spacing ("Order #" = "order", "E-Mail" = "email"),
 * whole names only (so "Shipping Country" is never taken for "Shipping"), no column for two fields.
 */
import { ORDER_MAPPING_FIELDS, type OrderColumnMapping, type OrderMappingField } from '../../../src-shared/domain/storefront-import';
import { headerKey } from '../feeds/parse-feed';

/** Header names shops use for each field (en, de, fr, nl, es). No name appears under two fields. */
const SYNONYMS: Record<OrderMappingField, readonly string[]> = {
  orderNumber: [
    'order number', 'order', 'order id', 'order no', 'order nr', 'order #', 'order_number', 'order_id', 'order name', 'order reference',
    'bestellnummer', 'bestellung', 'bestell nr', 'auftragsnummer', 'auftrag', 'auftrags nr', 'commande', 'numéro de commande', 'n° de commande',
    'no commande', 'bestelnummer', 'bestelling', 'pedido', 'número de pedido', 'numero de pedido', 'id pedido',
  ],
  createdAt: [
    'order date', 'date', 'created', 'created at', 'created on', 'placed at', 'placed on', 'purchase date', 'bestelldatum', 'datum', 'auftragsdatum',
    'date de commande', 'besteldatum', 'fecha', 'fecha de pedido',
  ],
  currency: ['currency', 'currency code', 'währung', 'devise', 'valuta', 'moneda'],
  email: ['email', 'e-mail', 'email address', 'customer email', 'buyer email', 'e-mail-adresse', 'courriel', 'correo', 'correo electrónico'],
  customerName: [
    'customer', 'customer name', 'name', 'full name', 'buyer', 'buyer name', 'billing name', 'kunde', 'kundenname', 'käufer', 'client', 'nom',
    'nom du client', 'klant', 'klantnaam', 'cliente', 'nombre',
  ],
  phone: ['phone', 'phone number', 'telephone', 'tel', 'mobile', 'telefon', 'telefonnummer', 'téléphone', 'telefoon', 'teléfono', 'telefono'],
  shipName: ['ship to', 'ship to name', 'shipping name', 'ship name', 'recipient', 'recipient name', 'empfänger', 'liefername', 'destinataire', 'ontvanger', 'destinatario'],
  shipLine1: [
    'address', 'address 1', 'address line 1', 'address1', 'street', 'street address', 'shipping address', 'shipping street', 'shipping address 1',
    'ship address', 'straße', 'strasse', 'straße und hausnummer', 'anschrift', 'adresse', 'adresse 1', 'adres', 'straat', 'dirección', 'direccion',
  ],
  shipLine2: ['address 2', 'address line 2', 'address2', 'shipping address 2', 'adresszusatz', 'adresse 2', 'complément d’adresse', 'complément d\'adresse'],
  shipCity: ['city', 'town', 'shipping city', 'ship city', 'stadt', 'ort', 'ville', 'plaats', 'woonplaats', 'ciudad'],
  shipRegion: [
    'state', 'province', 'region', 'county', 'state province', 'shipping state', 'shipping province', 'shipping region', 'bundesland', 'région',
    'provincie', 'provincia',
  ],
  shipPostcode: [
    'zip', 'zip code', 'zipcode', 'postcode', 'postal code', 'post code', 'shipping zip', 'shipping postcode', 'plz', 'postleitzahl', 'code postal',
    'cp', 'código postal', 'codigo postal',
  ],
  shipCountry: ['country', 'country code', 'shipping country', 'ship country', 'land', 'lieferland', 'pays', 'país', 'pais'],
  billingCountry: ['billing country', 'bill country', 'rechnungsland', 'pays de facturation', 'factuurland', 'país de facturación'],
  lineTitle: [
    'product', 'product name', 'item', 'item name', 'title', 'product title', 'description', 'lineitem name', 'line item', 'artikel', 'artikelname',
    'produkt', 'produktname', 'bezeichnung', 'artikelbezeichnung', 'produit', 'nom du produit', 'désignation', 'designation', 'artikelnaam', 'product naam',
    'producto', 'artículo',
  ],
  lineSku: [
    'sku', 'item sku', 'product sku', 'lineitem sku', 'variant sku', 'product code', 'item code', 'artikelnummer', 'art nr', 'artnr', 'artikel nr',
    'référence', 'reference produit', 'référence produit', 'artikelcode', 'código', 'codigo',
  ],
  lineQuantity: ['qty', 'quantity', 'lineitem quantity', 'item quantity', 'units', 'menge', 'anzahl', 'stück', 'stückzahl', 'quantité', 'aantal', 'cantidad'],
  linePrice: [
    'price', 'unit price', 'item price', 'lineitem price', 'price each', 'preis', 'einzelpreis', 'stückpreis', 'prix', 'prix unitaire', 'prijs',
    'stukprijs', 'precio', 'precio unitario',
  ],
  shipping: ['shipping', 'shipping cost', 'shipping price', 'shipping charge', 'shipping total', 'delivery', 'delivery cost', 'versand', 'versandkosten', 'porto', 'frais de port', 'livraison', 'verzendkosten', 'envío', 'envio'],
  taxes: ['tax', 'taxes', 'tax total', 'vat', 'sales tax', 'mwst', 'mwst.', 'ust', 'steuer', 'tva', 'btw', 'iva'],
  discount: ['discount', 'discount amount', 'discount total', 'rabatt', 'nachlass', 'remise', 'réduction', 'korting', 'descuento'],
  total: ['total', 'order total', 'grand total', 'total amount', 'amount', 'gesamt', 'gesamtbetrag', 'gesamtsumme', 'summe', 'total ttc', 'totaal', 'importe', 'importe total'],
  paymentState: [
    'payment status', 'financial status', 'payment state', 'paid', 'payment', 'zahlungsstatus', 'bezahlt', 'statut de paiement', 'statut du paiement',
    'betaalstatus', 'estado del pago', 'estado de pago',
  ],
  paymentReference: [
    'payment reference', 'payment id', 'transaction', 'transaction id', 'transaction reference', 'transaktionsnummer', 'transaktions id',
    'zahlungsreferenz', 'référence de paiement', 'betalingskenmerk', 'referencia de pago',
  ],
  cancelledAt: ['cancelled at', 'canceled at', 'cancelled', 'canceled', 'cancelled on', 'cancellation date', 'storniert am', 'storniert', 'stornodatum', 'annulé le', 'annulée le', 'geannuleerd op'],
  notes: ['notes', 'note', 'comment', 'comments', 'customer note', 'order note', 'bemerkung', 'anmerkung', 'anmerkungen', 'kommentar', 'notiz', 'remarque', 'commentaire', 'opmerking', 'notas', 'comentario'],
  tags: ['tags', 'tag', 'labels', 'schlagwörter', 'étiquettes'],
};

/** Marks and spacing do not tell two header names apart here ("Order-No." = "order no"). */
function looseKey(name: string): string {
  return headerKey(name).replace(/[^\p{L}\p{N}]+/gu, '');
}

/** Field → the header (as the file spells it) whose name a shop would use for it; fields without one are left out. */
export function guessOrderMapping(headers: readonly string[]): OrderColumnMapping {
  const byLooseKey = new Map<string, string>();
  for (const header of headers) if (!byLooseKey.has(looseKey(header))) byLooseKey.set(looseKey(header), header);
  const used = new Set<string>();
  const mapping: OrderColumnMapping = {};
  for (const field of ORDER_MAPPING_FIELDS) {
    const match = SYNONYMS[field].map((name) => byLooseKey.get(looseKey(name))).find((header) => header !== undefined && !used.has(header));
    if (match !== undefined) {
      mapping[field] = match;
      used.add(match);
    }
  }
  return mapping;
}
