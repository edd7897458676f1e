export * from "./bylaws";
export * from "./grading";
export * from "./internal-loan";
export * from "./meeting";
export * from "./metrics";
export * from "./opening";
export * from "./share-out";
