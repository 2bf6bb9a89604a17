import { countryName } from './countries';

/** What routing knows about one supplier's offer for a variant. */
export interface RoutingOffer {
  supplierId: number;
  supplierName: string;
  /** 1 is the first choice. */
  priority: number;
  stock: number;
  /** ISO country codes; empty means the supplier ships everywhere. */
  shipsTo: readonly string[];
  active: boolean;
}

export type RoutingDecision =
  | { supplierId: number; reason: string }
  | { supplierId: null; reason: string };

/** The order routing tries offers in: priority (1 first), then the lower supplier id for a stable answer. */
export function rankByPriority<T extends { priority: number; supplierId: number }>(offers: readonly T[]): T[] {
  return [...offers].sort((a, b) => a.priority - b.priority || a.supplierId - b.supplierId);
}

function whyNot(offer: RoutingOffer, quantity: number, destination: string): string | undefined {
  if (!offer.active) return `${offer.supplierName} is paused`;
  if (offer.shipsTo.length > 0 && !offer.shipsTo.includes(destination)) return `${offer.supplierName} does not ship to ${countryName(destination)}`;
  if (offer.stock < quantity) return `${offer.supplierName} has ${offer.stock === 0 ? 'none' : `only ${offer.stock}`} in stock`;
  return undefined;
}

/**
 * The supplier for one order line: the highest priority (then lowest id, for a stable answer) that is
 * active, ships to the destination and has enough stock; falling back down the list. The reason says
 * why, in a sentence a shop owner reads on the order.
 */
export function chooseSupplier(quantity: number, destination: string, offers: readonly RoutingOffer[]): RoutingDecision {
  if (offers.length === 0) return { supplierId: null, reason: 'No supplier offers this item' };
  const ranked = rankByPriority(offers);
  const passedOver: string[] = [];
  for (const offer of ranked) {
    const problem = whyNot(offer, quantity, destination);
    if (problem === undefined) {
      const choice = `${offer.supplierName} (priority ${offer.priority}, ${offer.stock} in stock)`;
      return { supplierId: offer.supplierId, reason: passedOver.length === 0 ? choice : `${choice}; passed over: ${passedOver.join('; ')}` };
    }
    passedOver.push(problem);
  }
  return { supplierId: null, reason: `No supplier can send ${quantity} to ${countryName(destination)}: ${passedOver.join('; ')}` };
}
