export { sql } from "kysely";
export * from "./driver";
export * from "./migrate";
export type * from "./schema";
export * from "./tenancy";
