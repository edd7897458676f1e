export * from "./template";
export * from "./test-database";
