export * from "./calculator";
export * from "./day-count";
export * from "./errors";
export * from "./gesv";
export * from "./limits";
export * from "./ratio";
export * from "./schedule";
export * from "./terms";
