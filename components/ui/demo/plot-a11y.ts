/**
 * Accessibility of a Plot chart. Plot labels every mark group (`<g aria-label="bar">`), which ARIA forbids on a generic group and
 * which tells a screen reader nothing. The figure's own ariaLabel/ariaDescription (on the <svg>) and
 * the text read-out carry the meaning, so the group labels are removed.
 */
export function tidyPlotAria<T extends Element>(figure: T): T {
  for (const group of figure.querySelectorAll("g[aria-label]")) group.removeAttribute("aria-label");
  // A chart is one image to assistive technology, named by its aria-label.
  const svg = figure.tagName.toLowerCase() === "svg" ? figure : figure.querySelector("svg");
  if (svg?.hasAttribute("aria-label")) svg.setAttribute("role", "img");
  return figure;
}
