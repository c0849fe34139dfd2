"""`python -m osa_site`: the same command as `osa-site`."""

from .app.cli import main

main(prog_name="osa-site")
