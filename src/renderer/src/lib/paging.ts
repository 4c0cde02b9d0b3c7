/** How many pages `total` rows make, `pageSize` a page; an empty list still has page 1. */
export const pageCount = (total: number, pageSize: number): number =>
  Math.max(1, Math.ceil(total / pageSize));
