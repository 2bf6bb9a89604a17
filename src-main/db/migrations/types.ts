export interface Migration {
  /** Sequential from 1; the applied set must always be a prefix of the known list. */
  id: number;
  name: string;
  sql: string;
}
