import { createTheme, localStorageColorSchemeManager } from "@mantine/core";

/** Moldir's look: Mantine's defaults with a calm teal, large enough touch targets for phones in the field. */
export const theme = createTheme({
  primaryColor: "teal",
  defaultRadius: "md",
  fontFamily:
    "system-ui, -apple-system, 'Segoe UI', Roboto, 'Noto Sans', 'Helvetica Neue', Arial, sans-serif",
});

/** Same key as the pre-paint script in `index.html`. */
export const colorSchemeStorageKey = "moldir.color-scheme";

export const colorSchemeManager = localStorageColorSchemeManager({ key: colorSchemeStorageKey });
