"""Charts and the map, drawn at build time as inline SVG: Vega-Lite specs, the world map, small bars."""
