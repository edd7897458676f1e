export * from "./common";
export * from "./errors";
export * from "./identity";
export * from "./ledger";
export * from "./loans";
export * from "./locale";
export * from "./organizations";
export * from "./people";
