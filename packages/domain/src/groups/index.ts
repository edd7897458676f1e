export * from "./bylaws";
export * from "./meeting";
export * from "./share-out";
