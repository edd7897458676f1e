export * from "./chart-templates";
export * from "./journal";
