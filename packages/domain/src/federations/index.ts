export * from "./eligibility";
export * from "./fund-loan";
export * from "./rollup";
