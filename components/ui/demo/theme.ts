/**
 * Shared look of demo charts. Colours are mid-tones that read on both the light and the dark theme;
 * axes and text use currentColor, so they follow the page's text colour.
 */
export const COLORS = {
  primary: "#3b6fd8",
  secondary: "#e0803a",
  tertiary: "#2f9e6e",
  muted: "#8a94a6",
  danger: "#d0453a",
} as const;

/** Base options for every demo figure. */
export const FIGURE = { style: { fontSize: "12px", overflow: "visible" } } as const;
