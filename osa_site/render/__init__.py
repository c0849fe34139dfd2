"""Pure renderers: functions from indexed records to Markdown (and a few raw-HTML blocks)."""
