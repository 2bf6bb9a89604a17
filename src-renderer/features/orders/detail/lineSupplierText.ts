import type { OrderLine } from '../../../../src-shared/domain/order';

/** Routing's reason starts with the supplier's name ("Acme (priority 1, 40 in stock)"): say the name once. */
export function reasonAfterName(line: Pick<OrderLine, 'supplier' | 'routingReason'>): string {
  const name = line.supplier?.name;
  if (name && line.routingReason.startsWith(`${name} (`)) return line.routingReason.slice(name.length + 1);
  return `— ${line.routingReason}`;
}
