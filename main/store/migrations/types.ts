/** A numbered schema migration. `sql` runs inside the single migration transaction. */
export interface Migration {
  version: number;
  name: string;
  sql: string;
}
