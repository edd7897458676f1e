export * from "./eligibility";
export * from "./formation";
export * from "./fund-loan";
export * from "./rollup";
