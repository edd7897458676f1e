export { sql } from "kysely";
export * from "./driver";
export * from "./migrate";
export type * from "./schema";
export type * from "./schema-loan-ops";
export type * from "./schema-loan-reports";
export type * from "./schema-people";
export type * from "./schema-projects";
export * from "./tenancy";
