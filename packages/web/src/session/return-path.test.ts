import { describe, expect, it } from "vitest";
import { loginPathFor, returnPathFrom } from "./return-path";

describe("the path after signing in", () => {
  it.each([
    { path: "/users", expected: "/login?next=%2Fusers" },
    { path: "/", expected: "/login" },
    { path: "/login", expected: "/login" },
  ])("sends $path to $expected", ({ path, expected }) => {
    expect(loginPathFor(path)).toBe(expected);
  });

  it.each([
    { search: "next=%2Fusers", expected: "/users", why: "a path of the app is followed" },
    { search: "", expected: "/", why: "no next means home" },
    { search: "next=%2F%2Fevil.example", expected: "/", why: "another site is refused" },
    { search: "next=https%3A%2F%2Fevil.example", expected: "/", why: "an absolute address is refused" },
    { search: "next=%2Flogin", expected: "/", why: "the login page itself is not a destination" },
  ])("$why", ({ search, expected }) => {
    expect(returnPathFrom(search)).toBe(expected);
  });
});
