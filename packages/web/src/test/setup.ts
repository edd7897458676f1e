/**
 * jsdom lacks a few browser APIs that Mantine and the charts call. These stubs answer "no preference"
 * and "no size", which is what a headless page would report anyway.
 */
import { cleanup, configure } from "@testing-library/react";
import { afterEach } from "vitest";
import { setCsrfToken } from "../api/client";

// Lazy screens load their chunk first; on a busy two-core machine that can take longer than the default 1 s.
configure({ asyncUtilTimeout: 5_000 });

if (typeof window.matchMedia !== "function") {
  window.matchMedia = (query: string): MediaQueryList => ({
    matches: false,
    media: query,
    onchange: null,
    addListener: () => {},
    removeListener: () => {},
    addEventListener: () => {},
    removeEventListener: () => {},
    dispatchEvent: () => false,
  });
}

class ResizeObserverStub implements ResizeObserver {
  observe(): void {}
  unobserve(): void {}
  disconnect(): void {}
}
if (typeof window.ResizeObserver !== "function") window.ResizeObserver = ResizeObserverStub;

// Mantine's growing textarea listens for web fonts to finish loading; jsdom loads no fonts.
if (!("fonts" in document)) {
  Object.defineProperty(document, "fonts", {
    value: { addEventListener: () => {}, removeEventListener: () => {} },
  });
}

if (typeof Element.prototype.scrollIntoView !== "function") Element.prototype.scrollIntoView = () => {};

afterEach(() => {
  cleanup();
  window.localStorage.clear();
  setCsrfToken("");
});
