export * from "./indicator-definition";
export * from "./indicators";
export * from "./project";
export * from "./training";
