export * from "./indicators";
export * from "./project";
