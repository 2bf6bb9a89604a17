import type { Migration } from './types';

/**
 * Word-start search over customer names and e-mails with FTS5. The first schema ORed a word-start LIKE
 * with its index ranges, which made every name search read the whole orders table. FTS5 folds case and
 * accents itself (unicode61, remove_diacritics 2); triggers keep it in step with orders in the same
 * transaction as the change.
 */
export const orderSearch: Migration = {
  id: 2,
  name: 'full-text search of order customers',
  sql: `
CREATE VIRTUAL TABLE orders_search USING fts5(
  customer_name, customer_email,
  content = 'orders', content_rowid = 'id',
  tokenize = 'unicode61 remove_diacritics 2'
);
CREATE TRIGGER orders_search_after_insert AFTER INSERT ON orders BEGIN
  INSERT INTO orders_search (rowid, customer_name, customer_email) VALUES (new.id, new.customer_name, new.customer_email);
END;
CREATE TRIGGER orders_search_after_delete AFTER DELETE ON orders BEGIN
  INSERT INTO orders_search (orders_search, rowid, customer_name, customer_email) VALUES ('delete', old.id, old.customer_name, old.customer_email);
END;
CREATE TRIGGER orders_search_after_update AFTER UPDATE OF customer_name, customer_email ON orders BEGIN
  INSERT INTO orders_search (orders_search, rowid, customer_name, customer_email) VALUES ('delete', old.id, old.customer_name, old.customer_email);
  INSERT INTO orders_search (rowid, customer_name, customer_email) VALUES (new.id, new.customer_name, new.customer_email);
END;
INSERT INTO orders_search (orders_search) VALUES ('rebuild');
-- Served no query once name search moved to FTS; customer_name_key stays for duplicate checks.
DROP INDEX orders_by_name_key;
`,
};
