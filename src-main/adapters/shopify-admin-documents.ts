/**
 * The three GraphQL documents the desk sends to Shopify's Admin API (2026-10), exactly as test/sim/README.md
 * "The three documents" writes them: the simulator recognises them by operation name, and their sizes keep each
 * under Shopify's 1000-point single-query limit (DeskOrders costs 2 + first × 76).
 */

export const DESK_ORDERS = `query DeskOrders($first: Int!, $after: String, $query: String) {
  orders(first: $first, after: $after, query: $query, sortKey: UPDATED_AT) {
    edges {
      cursor
      node {
        id legacyResourceId name createdAt updatedAt cancelledAt
        displayFinancialStatus displayFulfillmentStatus currencyCode email phone note tags
        totalPriceSet { shopMoney { amount currencyCode } }
        subtotalPriceSet { shopMoney { amount currencyCode } }
        totalShippingPriceSet { shopMoney { amount currencyCode } }
        totalTaxSet { shopMoney { amount currencyCode } }
        totalDiscountsSet { shopMoney { amount currencyCode } }
        shippingAddress { name address1 address2 city provinceCode zip countryCodeV2 phone }
        billingAddress { countryCodeV2 }
        customer { displayName email phone }
        lineItems(first: 20) {
          pageInfo { hasNextPage }
          edges { node { id title sku quantity originalUnitPriceSet { shopMoney { amount currencyCode } } } }
        }
      }
    }
    pageInfo { hasNextPage endCursor }
  }
}`;

export const DESK_ORDER = `query DeskOrder($id: ID!) {
  order(id: $id) {
    id name updatedAt cancelledAt displayFulfillmentStatus
    fulfillments { id status createdAt trackingInfo { company number url } }
    fulfillmentOrders(first: 5) {
      nodes {
        id status
        lineItems(first: 50) { nodes { id totalQuantity remainingQuantity lineItem { id sku } } }
      }
    }
  }
}`;

export const DESK_FULFILLMENT_CREATE = `mutation DeskFulfillmentCreate($fulfillment: FulfillmentInput!) {
  fulfillmentCreate(fulfillment: $fulfillment) {
    fulfillment { id status trackingInfo { company number url } }
    userErrors { field message }
  }
}`;

/** The most orders one DeskOrders page may ask for under the 1000-point limit (2 + 13 × 76 = 990). */
export const MAX_ORDERS_PER_PAGE = 13;
